package dev.lectern.transcript;

import dev.lectern.LecternFailure;

/**
 * A transcript could not be read. The message names the line (1-based) and what is wrong with it, so a
 * user can fix the file; {@link #line()} is 0 when the problem concerns the input as a whole (empty,
 * no cues).
 */
public final class TranscriptParseException extends RuntimeException implements LecternFailure {

    private final int line;
    private final String reason;

    public TranscriptParseException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line at fault, or 0 when the whole input is at fault. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
