package dev.lectern.embedding;

import dev.lectern.LecternFailure;

/** The embedding model could not be loaded or run. */
public final class EmbeddingException extends RuntimeException implements LecternFailure {

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EmbeddingException(String message) {
        super(message);
    }
}
