package dev.lectern.store.qdrant;

import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter does after an attempt to make a lecture's new generation active, decided from what it knows
 * without asking Qdrant again: how the attempt ended and what the lecture record names when read back. Pure, so
 * every branch is tested without a server ({@code ActivationTest}).
 *
 * <p>The activation is a conditional upsert of the lecture record ({@code UpsertPoints.update_filter}, Qdrant
 * 1.16): it replaces the record only while the record still names the generation this writer read before
 * writing (and inserts it when there is none). Qdrant applies an upsert it has accepted even when the client
 * stops waiting: the update runs in a task spawned on the update runtime
 * ({@code lib/collection/src/collection/point_ops.rs}, {@code update_from_client}). So a timed-out activation
 * may land later, and the new generation's passages must not be deleted on a mere timeout.
 */
final class Activation {

    /** How many times a writer that lost a race to another writer re-reads and tries again. */
    static final int MAX_ATTEMPTS = 4;

    private Activation() {}

    /** How the upsert of the lecture record ended. */
    enum Attempt {
        /** Qdrant acknowledged it: applied if its condition held, a no-op otherwise. */
        ACKNOWLEDGED,
        /** No answer, or a transient failure after every retry: it may or may not be applied, now or later. */
        UNCLEAR,
        /** Qdrant refused it: not applied. */
        REFUSED
    }

    /** What to do next. */
    enum Next {
        /** The new generation is active: report success, retire the generation it replaced. */
        DONE,
        /** Another writer switched the lecture first: try again, expecting what the record names now. */
        RETRY,
        /**
         * The outcome is unknown: report a failure the client may repeat, keep the new passages (the activation
         * may still land), and leave them to the orphan sweep if it never does.
         */
        UNKNOWN,
        /** The new generation never became active and never will: delete its passages, report the failure. */
        FAILED
    }

    /**
     * @param next what to do
     * @param retire with {@link Next#DONE}: the generation the activation replaced, to delete after the grace
     *     period
     * @param expect with {@link Next#RETRY}: the generation the next attempt expects the record to name
     */
    record Decision(Next next, Optional<String> retire, Optional<String> expect) {}

    /**
     * @param ours the generation being activated
     * @param expected the generation the attempt's condition required the record to name (empty: no record)
     * @param attempt how the attempt ended
     * @param readBack the generation the record names when read after the attempt (empty: no record)
     * @param attemptsMade attempts made so far, including this one
     */
    static Decision after(
            String ours, Optional<String> expected, Attempt attempt, Optional<String> readBack, int attemptsMade) {
        Objects.requireNonNull(ours, "ours");
        if (readBack.isPresent() && readBack.get().equals(ours)) {
            // Whatever the attempt reported, the switch happened, and it replaced exactly what it expected.
            return new Decision(Next.DONE, expected, Optional.empty());
        }
        return switch (attempt) {
            case ACKNOWLEDGED ->
                attemptsMade < MAX_ATTEMPTS
                        ? new Decision(Next.RETRY, Optional.empty(), readBack)
                        // Every attempt was acknowledged and none applied: ours can never become active.
                        : new Decision(Next.FAILED, Optional.empty(), Optional.empty());
            case UNCLEAR -> new Decision(Next.UNKNOWN, Optional.empty(), Optional.empty());
            case REFUSED -> new Decision(Next.FAILED, Optional.empty(), Optional.empty());
        };
    }
}
