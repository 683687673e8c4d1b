package dev.lectern.search;

import dev.lectern.lecture.Lecture;
import dev.lectern.transcript.Segment;
import java.util.List;

/**
 * What was said in a lecture between two times: the segments that overlap the window, in time order.
 *
 * @param fromMillis start of the window asked for
 * @param toMillis end of the window asked for (after clamping to the configured maximum length)
 */
public record TranscriptWindow(Lecture lecture, long fromMillis, long toMillis, List<Segment> segments) {

    public TranscriptWindow {
        segments = List.copyOf(segments);
    }
}
