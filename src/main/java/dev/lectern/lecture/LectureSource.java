package dev.lectern.lecture;

import dev.lectern.transcript.Segment;
import java.util.List;

/**
 * A lecture with the transcript segments it was built from. Stores keep the segments so that a lecture can
 * be re-embedded with another model or cut into passages again without the original file.
 */
public record LectureSource(Lecture lecture, List<Segment> segments) {

    public LectureSource {
        segments = List.copyOf(segments);
    }
}
