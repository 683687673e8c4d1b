package dev.lectern.store.qdrant;

import io.grpc.Status;

/**
 * What a failed Qdrant call means for Lectern, decided from its gRPC status alone: the one place that classifies
 * Qdrant's answers, so that retries, error mapping and metrics agree.
 *
 * <p>The codes Qdrant sends come from its {@code From<StorageError> for tonic::Status}
 * ({@code lib/storage/src/content_manager/conversions.rs}, server v1.16): {@code BadInput}/{@code BadRequest} →
 * {@code INVALID_ARGUMENT}, {@code NotFound} → {@code NOT_FOUND}, {@code ServiceError} → {@code INTERNAL},
 * {@code Timeout} → {@code DEADLINE_EXCEEDED}, {@code AlreadyExists} → {@code ALREADY_EXISTS},
 * {@code Locked}/{@code PreconditionFailed} → {@code FAILED_PRECONDITION}, {@code RateLimitExceeded} →
 * {@code RESOURCE_EXHAUSTED} (with a {@code retry-after} header), {@code ShardUnavailable} → {@code UNAVAILABLE}.
 * It never sends {@code ABORTED}. Cluster faults (a forward to a dead peer, a replica that could not be
 * deactivated in time) are service errors, so {@code INTERNAL} is worth another try
 * ({@code lib/collection/src/shards/replica_set/update.rs}). The gRPC library itself reports a response larger
 * than the channel's inbound limit as {@code RESOURCE_EXHAUSTED}, which no retry can fix.
 */
enum QdrantOutcome {
    /** Down, restarting, overloaded, slow, or a passing cluster fault: try again, then answer 503. */
    TRANSIENT(true),
    /** Qdrant's strict-mode rate limit: try again after a pause, then answer 503. */
    RATE_LIMITED(true),
    /** The answer exceeds what this client accepts: permanent, nothing a retry changes. */
    TOO_LARGE(false),
    /** The collection or alias is gone (deleted, or moved by a rebuild elsewhere): the cached layout is stale. */
    NOT_FOUND(false),
    /** What was to be created exists already (another replica, or an earlier attempt of this one, made it). */
    ALREADY_EXISTS(false),
    /** Qdrant refused the request (bad input, a failed precondition, no permission): a bug or misconfiguration. */
    REFUSED(false);

    private final boolean retried;

    QdrantOutcome(boolean retried) {
        this.retried = retried;
    }

    /** Whether a call with this outcome is attempted again. */
    boolean retried() {
        return retried;
    }

    /** The outcome of a call that failed with {@code failure}. */
    static QdrantOutcome of(Throwable failure) {
        return of(Status.fromThrowable(failure));
    }

    static QdrantOutcome of(Status status) {
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, ABORTED, CANCELLED -> TRANSIENT;
            case RESOURCE_EXHAUSTED -> isMessageSizeLimit(status) ? TOO_LARGE : RATE_LIMITED;
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            default -> REFUSED;
        };
    }

    /**
     * grpc-java's own wording when a message exceeds the channel's limit ("gRPC message exceeds maximum size",
     * "... larger than max ..."); Qdrant's rate limit says "Rate limiting exceeded".
     */
    private static boolean isMessageSizeLimit(Status status) {
        String description = status.getDescription();
        if (description == null) {
            return false;
        }
        String lower = description.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("exceeds maximum size") || lower.contains("larger than max");
    }
}
