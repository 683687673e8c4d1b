package dev.lectern.lecture;

import dev.lectern.chapter.Outline;
import dev.lectern.transcript.Segment;
import java.util.List;

/**
 * A lecture with the transcript segments it was built from, and its chapters. Stores keep the segments so that a
 * lecture can be re-embedded with another model or cut into passages again without the original file.
 *
 * @param outline the lecture's chapters; {@code null} for a lecture stored before Lectern computed chapters (they
 *     are computed at the next start)
 */
public record LectureSource(Lecture lecture, List<Segment> segments, Outline outline) {

    public LectureSource {
        segments = List.copyOf(segments);
    }

    /** A lecture without chapters yet. */
    public LectureSource(Lecture lecture, List<Segment> segments) {
        this(lecture, segments, null);
    }
}
