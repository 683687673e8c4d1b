package dev.lectern.store;

import dev.lectern.LecternFailure;

/**
 * The store cannot be reached right now (a Qdrant server that is down, restarting or too slow), after retries.
 * Nothing was changed by the failed call. The HTTP API answers 503 with a {@code Retry-After} header; the
 * request may be repeated as is.
 */
public final class StoreUnavailableException extends RuntimeException implements LecternFailure {

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String store;

    /**
     * @param store the store in words, for messages and health checks, e.g. {@code Qdrant at qdrant:6334}
     * @param detail what failed
     */
    public StoreUnavailableException(String store, String detail, Throwable cause) {
        super(store + " is unavailable: " + detail, cause);
        this.store = store;
    }

    /** The store in words, e.g. {@code Qdrant at qdrant:6334}. */
    public String store() {
        return store;
    }
}
