package dev.lectern.embedding;

import dev.lectern.LecternFailure;

/**
 * Too many requests are already waiting for the embedding model: this one was turned away at once instead of
 * joining a queue that would only grow. The HTTP API answers 503 with a {@code Retry-After} header; the request may
 * be repeated as is.
 */
public final class ModelBusyException extends RuntimeException implements LecternFailure {

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 1;

    ModelBusyException(int running, int queued) {
        super("the embedding model is busy (" + running + " requests running, " + queued
                + " waiting, the most lectern.embedding.max-queued-queries allows)");
    }
}
