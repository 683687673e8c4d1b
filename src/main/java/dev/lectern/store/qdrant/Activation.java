package dev.lectern.store.qdrant;

import dev.lectern.store.StoreUnavailableException;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the adapter does after an attempt to make a lecture's new version active, decided from what it knows
 * without asking Qdrant again: how the attempt ended and what the lecture record names when read back. Pure, so
 * every branch is tested without a server ({@code ActivationTest}).
 *
 * <p>The activation is a conditional upsert of the lecture record ({@code UpsertPoints.update_filter}, Qdrant
 * 1.16): it replaces the record only while the record still names the version this writer read before
 * writing (and inserts it when there is none). Qdrant applies an upsert it has accepted even when the client
 * stops waiting: the update runs in a task spawned on the update runtime
 * ({@code lib/collection/src/collection/point_ops.rs}, {@code update_from_client}). So a timed-out activation
 * may land later, and the new version's passages must not be deleted on a mere timeout.
 */
final class Activation {

    private static final Logger LOG = Logger.getLogger(Activation.class);

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
        /** The new version is active: report success, retire the version it replaced. */
        DONE,
        /** Another writer switched the lecture first: try again, expecting what the record names now. */
        RETRY,
        /**
         * The outcome is unknown: report a failure the client may repeat, keep the new passages (the activation
         * may still land), and leave them to the orphan sweep if it never does.
         */
        UNKNOWN,
        /** The new version never became active and never will: delete its passages, report the failure. */
        FAILED
    }

    /**
     * @param next what to do
     * @param retire with {@link Next#DONE}: the version the activation replaced, to delete after the grace
     *     period
     * @param expect with {@link Next#RETRY}: the version the next attempt expects the record to name
     */
    record Decision(Next next, Optional<String> retire, Optional<String> expect) {}

    /**
     * @param ours the version being activated
     * @param expected the version the attempt's condition required the record to name (empty: no record)
     * @param attempt how the attempt ended
     * @param readBack the version the record names when read after the attempt (empty: no record)
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

    /** The calls an activation makes; {@link QdrantStore} runs them against Qdrant. */
    interface Steps {

        /**
         * The conditional upsert of the lecture record naming the new version.
         *
         * @throws StoreUnavailableException when it got no clear answer (it may still be applied)
         * @throws QdrantCallException when Qdrant refused it
         */
        void attempt(Optional<String> expect);

        /** The version the lecture record names now, read from the same collection. */
        Optional<String> readBack();

        /** Deletes the new version's points; failures go to {@code reportTo}, not up. */
        void discard(Throwable reportTo);
    }

    /**
     * Switches a lecture to version {@code ours}, trying again while other writers win, and decides what to
     * do with the new passages when it cannot.
     *
     * @param expected the version read before the new one was written (empty: no record)
     * @return the version the switch replaced, to be retired after the grace period
     * @throws StoreUnavailableException when the outcome is unclear (passages kept) or other writers kept winning
     *     (passages discarded); the request may be repeated
     * @throws QdrantCallException when Qdrant refused the switch (passages discarded)
     */
    static Optional<String> run(String ours, Optional<String> expected, Steps steps, String store, String lectureId) {
        Optional<String> expect = expected;
        for (int attempt = 1; ; attempt++) {
            Attempt outcome;
            RuntimeException failure = null;
            try {
                steps.attempt(expect);
                outcome = Attempt.ACKNOWLEDGED;
            } catch (StoreUnavailableException e) {
                outcome = Attempt.UNCLEAR;
                failure = e;
            } catch (QdrantCallException e) {
                outcome = Attempt.REFUSED;
                failure = e;
            }
            Optional<String> readBack;
            try {
                readBack = steps.readBack();
            } catch (RuntimeException e) {
                // Cannot tell whether the switch happened: keep the passages; the sweep removes them if not.
                RuntimeException report = failure != null ? failure : unclear(store, lectureId, e);
                if (report != e) {
                    report.addSuppressed(e);
                }
                throw report;
            }
            Decision decision = after(ours, expect, outcome, readBack, attempt);
            switch (decision.next()) {
                case DONE -> {
                    return decision.retire();
                }
                case RETRY -> {
                    LOG.debugf("Lecture '%s' was switched by another writer meanwhile; switching again", lectureId);
                    expect = decision.expect();
                }
                case UNKNOWN -> throw failure != null ? failure : unclear(store, lectureId, null);
                case FAILED -> {
                    RuntimeException report = failure != null
                            ? failure
                            : new StoreUnavailableException(
                                    store,
                                    "lecture '" + lectureId + "' was rewritten by other writers " + attempt
                                            + " times while this write tried to switch it; nothing of this write is"
                                            + " visible, try again",
                                    null);
                    steps.discard(report);
                    throw report;
                }
            }
        }
    }

    private static StoreUnavailableException unclear(String store, String lectureId, Throwable cause) {
        return new StoreUnavailableException(
                store,
                "could not confirm that lecture '" + lectureId + "' was switched to its new version (Qdrant may"
                        + " still apply it); repeat the request",
                cause);
    }
}
