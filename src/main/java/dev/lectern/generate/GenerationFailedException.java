package dev.lectern.generate;

import dev.lectern.LecternFailure;

/**
 * The configured language model was asked for an answer and failed (an error from its server, a timeout). The
 * passages were found; only the written answer is missing. {@code POST /api/ask} answers 502, and the answer stream
 * ends with an {@code error} event carrying the same problem.
 */
public final class GenerationFailedException extends RuntimeException implements LecternFailure {

    public GenerationFailedException(Throwable cause) {
        super("the language model failed to write an answer: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
