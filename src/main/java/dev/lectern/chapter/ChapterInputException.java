package dev.lectern.chapter;

import dev.lectern.LecternFailure;

/**
 * Chapters someone provided cannot be used. The message names the line (WebVTT) or the entry (JSON) at fault.
 */
public final class ChapterInputException extends RuntimeException implements LecternFailure {

    private final String field;
    private final int line;

    /**
     * @param field the JSON entry at fault, e.g. {@code [2].start}, or {@code chapters} for the input as a whole
     * @param line the 1-based line at fault in a WebVTT track, or 0
     */
    public ChapterInputException(String field, int line, String message) {
        super(message);
        this.field = field;
        this.line = line;
    }

    public String field() {
        return field;
    }

    /** The 1-based line at fault, or 0 when the input is JSON or the problem concerns the whole input. */
    public int line() {
        return line;
    }
}
