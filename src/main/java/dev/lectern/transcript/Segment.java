package dev.lectern.transcript;

/**
 * One timed piece of speech from a transcript: a caption cue, a Whisper line or a JSON segment.
 *
 * @param startMillis when the speech starts, in milliseconds from the start of the recording
 * @param endMillis when it ends, in milliseconds; never before {@code startMillis}
 * @param text the spoken words, trimmed, never blank
 */
public record Segment(long startMillis, long endMillis, String text) {

    public Segment {
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be >= 0, was " + startMillis);
        }
        if (endMillis < startMillis) {
            throw new IllegalArgumentException(
                    "endMillis (" + endMillis + ") must not be before startMillis (" + startMillis + ")");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        text = text.strip();
    }
}
