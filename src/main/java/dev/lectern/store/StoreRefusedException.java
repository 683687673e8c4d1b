package dev.lectern.store;

import dev.lectern.LecternFailure;

/**
 * The store answered, but refused the call (a Qdrant server that rejects a write, or an answer too large), or it
 * cannot serve Lectern as configured (a collection Lectern did not make, a server too old), in a way no retry
 * changes. Nothing searches can see was changed. The HTTP API answers 502: the fault is in the service behind
 * Lectern, not in the request. An {@link IllegalStateException}, as the store port promises for refused writes.
 */
public class StoreRefusedException extends IllegalStateException implements LecternFailure {

    public StoreRefusedException(String message) {
        super(message);
    }

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
