package dev.lectern.store.qdrant;

import dev.lectern.store.StoreRefusedException;

/**
 * Qdrant answered a call with a failure that no retry changes: a refusal, an answer too large, or something that
 * exists already. A {@link StoreRefusedException}: it reaches users as 502 unless the adapter handles its
 * {@link #outcome()}.
 */
final class QdrantCallException extends StoreRefusedException {

    private final QdrantOutcome outcome;

    QdrantCallException(String message, QdrantOutcome outcome, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    QdrantOutcome outcome() {
        return outcome;
    }

    /**
     * Whether Qdrant said that what was to be created exists: {@code ALREADY_EXISTS}, or the
     * {@code INVALID_ARGUMENT} "already exists!" of older servers
     * ({@code validate_collection_not_exists} in {@code lib/storage/src/content_manager/collections_ops.rs}).
     */
    boolean alreadyExists() {
        return outcome == QdrantOutcome.ALREADY_EXISTS
                || (outcome == QdrantOutcome.REFUSED
                        && String.valueOf(getMessage()).contains("already exists"));
    }
}
