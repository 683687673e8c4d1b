package dev.lectern.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the timing rules every format shares and gathers the segments that hold speech.
 *
 * <p>Timing is checked even for cues whose text turns out to be empty, so that a file with a broken clock
 * is reported rather than silently shortened.
 */
final class SegmentCollector {

    private final List<Segment> segments = new ArrayList<>();
    private long previousStart = -1;

    /**
     * Checks a cue's timing and keeps it when its cleaned text is not blank.
     *
     * @param line the line to blame for timing errors (0 when unknown)
     * @param label how the error messages name the cue, e.g. {@code cue} or {@code segments[3]}
     */
    void accept(int line, String label, long startMillis, long endMillis, String text) {
        if (endMillis < startMillis) {
            throw new TranscriptParseException(
                    line,
                    label + " ends (" + ClockTime.format(endMillis) + ") before it starts ("
                            + ClockTime.format(startMillis) + ")");
        }
        // Only the start is compared: overlapping cues are common (rolling captions, Whisper's segment
        // boundaries), but a start that goes backwards means cues are out of order or the file was spliced.
        if (startMillis < previousStart) {
            throw new TranscriptParseException(
                    line,
                    label + " starts at " + ClockTime.format(startMillis)
                            + ", before the previous cue's start " + ClockTime.format(previousStart)
                            + "; cues must be in time order");
        }
        previousStart = startMillis;
        if (!text.isBlank()) {
            segments.add(new Segment(startMillis, endMillis, text));
        }
    }

    List<Segment> segments() {
        return List.copyOf(segments);
    }
}
