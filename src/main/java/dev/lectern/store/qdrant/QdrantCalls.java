package dev.lectern.store.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import dev.lectern.store.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs calls to Qdrant with a deadline each, retrying transient failures with exponential backoff. Every call
 * Lectern makes can be repeated safely (upserts of deterministic ids, conditional upserts whose repeat is a no-op,
 * deletes by filter, reads, and creations whose repeat answers {@code ALREADY_EXISTS}), so a call that may or may
 * not have reached the server is simply made again. What counts as transient is decided by {@link QdrantOutcome}.
 *
 * <p>A small loop rather than SmallRye Fault Tolerance: the store is a plain object that also runs outside CDI
 * (the {@code migrate} command, the store contract tests), where the annotations and the programmatic guard
 * are not available without the standalone runtime.
 */
final class QdrantCalls {

    private static final Logger LOG = Logger.getLogger(QdrantCalls.class);

    /** Extra time over the gRPC deadline before the local wait gives up, for scheduling and transfer. */
    private static final Duration LOCAL_SLACK = Duration.ofSeconds(1);

    private final String store;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Runnable onUnavailable;
    private final Runnable onNotFound;
    private final Sleeper sleeper;

    /**
     * @param onUnavailable run after each transient failure, e.g. to make the channel reconnect at once
     * @param onNotFound run when Qdrant answers {@code NOT_FOUND}, e.g. to forget a cached collection name
     */
    QdrantCalls(
            String store,
            Duration timeout,
            int retries,
            Duration backoff,
            Runnable onUnavailable,
            Runnable onNotFound) {
        this(store, timeout, retries, backoff, onUnavailable, onNotFound, Thread::sleep);
    }

    QdrantCalls(
            String store,
            Duration timeout,
            int retries,
            Duration backoff,
            Runnable onUnavailable,
            Runnable onNotFound,
            Sleeper sleeper) {
        this.store = store;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.onUnavailable = onUnavailable;
        this.onNotFound = onNotFound;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code call}, made afresh for each attempt, with the configured deadline.
     *
     * @param what the operation in words, for messages, e.g. {@code "search"}
     * @throws StoreUnavailableException when every attempt failed transiently, the thread was interrupted, or
     *     the collection was not found (after {@code onNotFound} ran: the next call looks it up again)
     * @throws QdrantCallException when Qdrant refused the call, or it failed in a way no retry changes
     */
    <T> T call(String what, Supplier<ListenableFuture<T>> call) {
        return call(what, timeout, call);
    }

    /** {@link #call(String, Supplier)} with its own deadline, for calls that may take longer than most. */
    <T> T call(String what, Duration timeout, Supplier<ListenableFuture<T>> call) {
        RuntimeException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                pause(what, backoffBefore(attempt), last);
            }
            ListenableFuture<T> future = call.get();
            try {
                return future.get(timeout.plus(LOCAL_SLACK).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException(store, what + " was interrupted", e);
            } catch (TimeoutException e) {
                future.cancel(true);
                last = new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription("no answer in " + timeout));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                Status status = Status.fromThrowable(cause);
                QdrantOutcome outcome = QdrantOutcome.of(status);
                if (outcome == QdrantOutcome.NOT_FOUND) {
                    onNotFound.run();
                    throw new StoreUnavailableException(
                            store,
                            what + " found no collection (" + status.getDescription() + "): it was deleted, or a"
                                    + " rebuild moved the alias; the next request looks it up again",
                            cause);
                }
                if (!outcome.retried()) {
                    throw new QdrantCallException(
                            store + " refused " + what + ": " + status.getCode() + " " + status.getDescription()
                                    + (outcome == QdrantOutcome.TOO_LARGE
                                            ? " (the answer is larger than Lectern accepts; ask for fewer results)"
                                            : ""),
                            outcome,
                            cause);
                }
                last = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            onUnavailable.run();
            LOG.debugf("%s: %s failed (attempt %d of %d): %s", store, what, attempt + 1, retries + 1, last);
        }
        throw new StoreUnavailableException(
                store, what + " failed " + (retries + 1) + " times: " + describe(last), last);
    }

    /** Wait before retry number {@code attempt} (1-based): the backoff, doubled for each earlier retry. */
    Duration backoffBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
    }

    private void pause(String what, Duration wait, RuntimeException last) {
        try {
            sleeper.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(store, what + " was interrupted while waiting to retry", last);
        }
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "no attempt made";
        }
        Status status = Status.fromThrowable(failure);
        if (status.getCode() != Status.Code.UNKNOWN) {
            return status.getCode() + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
        }
        return String.valueOf(failure.getMessage());
    }

    /** {@link Thread#sleep(long)}, replaceable in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
