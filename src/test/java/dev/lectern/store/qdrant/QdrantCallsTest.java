package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.SettableFuture;
import dev.lectern.store.StoreUnavailableException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deadlines and retries of every Qdrant call. */
class QdrantCallsTest {

    private final List<Long> sleeps = new ArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger forgotten = new AtomicInteger();
    private final QdrantCalls calls = new QdrantCalls(
            "Qdrant at test:6334",
            Duration.ofMillis(50),
            2,
            Duration.ofMillis(100),
            reconnects::incrementAndGet,
            forgotten::incrementAndGet,
            sleeps::add);

    @Test
    void retriesTransientFailuresWithDoublingBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = calls.call(
                "search",
                () -> attempts.incrementAndGet() < 3
                        ? Futures.immediateFailedFuture(Status.UNAVAILABLE.asRuntimeException())
                        : Futures.immediateFuture("ok"));
        assertEquals("ok", answer);
        assertEquals(3, attempts.get());
        assertEquals(List.of(100L, 200L), sleeps);
        assertEquals(2, reconnects.get(), "each failure asks the channel to reconnect at once");
    }

    @Test
    void giveUpAfterRetriesAsStoreUnavailable() {
        AtomicInteger attempts = new AtomicInteger();
        StoreUnavailableException failure = assertThrows(
                StoreUnavailableException.class,
                () -> calls.call("search", () -> {
                    attempts.incrementAndGet();
                    return Futures.immediateFailedFuture(
                            Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
                }));
        assertEquals(3, attempts.get());
        assertEquals("Qdrant at test:6334", failure.store());
        assertTrue(failure.getMessage().contains("Qdrant at test:6334 is unavailable"), failure.getMessage());
        assertTrue(failure.getMessage().contains("UNAVAILABLE (io exception)"), failure.getMessage());
    }

    @Test
    void deadlineCountsAsTransient() {
        List<SettableFuture<String>> hanging = new ArrayList<>();
        assertThrows(
                StoreUnavailableException.class,
                () -> calls.call("search", () -> {
                    SettableFuture<String> never = SettableFuture.create();
                    hanging.add(never);
                    return never;
                }));
        assertEquals(3, hanging.size());
        assertTrue(hanging.stream().allMatch(SettableFuture::isCancelled), "timed-out calls are cancelled");
    }

    @Test
    void refusalsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> calls.call("write passages", () -> {
                    attempts.incrementAndGet();
                    return Futures.immediateFailedFuture(Status.INVALID_ARGUMENT
                            .withDescription("wrong vector size")
                            .asRuntimeException());
                }));
        assertEquals(1, attempts.get());
        assertTrue(failure.getMessage().contains("refused write passages: INVALID_ARGUMENT wrong vector size"));
    }

    @Test
    void clusterFaultsArriveAsInternalAndAreRetried() {
        // A forward to a dead leader, or a replica not deactivated in time, is a service error: INTERNAL.
        AtomicInteger attempts = new AtomicInteger();
        String answer = calls.call(
                "write passages",
                () -> attempts.incrementAndGet() == 1
                        ? Futures.immediateFailedFuture(Status.INTERNAL
                                .withDescription("Failed to apply update with Strong ordering via leader peer 3")
                                .asRuntimeException())
                        : Futures.immediateFuture("ok"));
        assertEquals("ok", answer);
        assertEquals(2, attempts.get());
    }

    @Test
    void rateLimitIsRetriedThenUnavailable() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(
                StoreUnavailableException.class,
                () -> calls.call("search", () -> {
                    attempts.incrementAndGet();
                    return Futures.immediateFailedFuture(Status.RESOURCE_EXHAUSTED
                            .withDescription("Rate limiting exceeded: Read rate limit exceeded")
                            .asRuntimeException());
                }));
        assertEquals(3, attempts.get());
    }

    @Test
    void answerLargerThanTheClientAcceptsIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        QdrantCallException failure = assertThrows(
                QdrantCallException.class,
                () -> calls.call("list points", () -> {
                    attempts.incrementAndGet();
                    return Futures.immediateFailedFuture(Status.RESOURCE_EXHAUSTED
                            .withDescription("gRPC message exceeds maximum size 4194304: 5000000")
                            .asRuntimeException());
                }));
        assertEquals(1, attempts.get());
        assertEquals(QdrantOutcome.TOO_LARGE, failure.outcome());
        assertTrue(failure.getMessage().contains("larger than Lectern accepts"), failure.getMessage());
    }

    @Test
    void notFoundForgetsTheLayoutAndAsksToRetry() {
        StoreUnavailableException failure = assertThrows(
                StoreUnavailableException.class,
                () -> calls.call(
                        "search",
                        () -> Futures.immediateFailedFuture(Status.NOT_FOUND
                                .withDescription("Collection `lectern-e1` doesn't exist!")
                                .asRuntimeException())));
        assertEquals(1, forgotten.get(), "the cached collection name is dropped");
        assertTrue(failure.getMessage().contains("the next request looks it up again"), failure.getMessage());
    }

    @Test
    void alreadyExistsIsReportedForTheCallerToDecide() {
        QdrantCallException failure = assertThrows(
                QdrantCallException.class,
                () -> calls.call(
                        "create collection lectern-e1",
                        () -> Futures.immediateFailedFuture(Status.ALREADY_EXISTS
                                .withDescription("Wrong input: Collection `lectern-e1` already exists!")
                                .asRuntimeException())));
        assertEquals(QdrantOutcome.ALREADY_EXISTS, failure.outcome());
        assertTrue(failure.alreadyExists());
    }

    @Test
    void ownDeadlineOverridesTheDefault() {
        List<SettableFuture<String>> hanging = new ArrayList<>();
        QdrantCalls noRetry = new QdrantCalls(
                "Qdrant at test:6334", Duration.ofMillis(50), 0, Duration.ZERO, () -> {}, () -> {}, sleeps::add);
        StoreUnavailableException failure = assertThrows(
                StoreUnavailableException.class,
                () -> noRetry.call("create collection", Duration.ofMillis(10), () -> {
                    SettableFuture<String> never = SettableFuture.create();
                    hanging.add(never);
                    return never;
                }));
        assertTrue(failure.getMessage().contains("no answer in PT0.01S"), failure.getMessage());
        assertEquals(1, hanging.size());
    }

    @Test
    void interruptIsKeptAndReported() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(StoreUnavailableException.class, () -> calls.call("search", SettableFuture::create));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void backoffDoublesPerRetry() {
        assertEquals(Duration.ofMillis(100), calls.backoffBefore(1));
        assertEquals(Duration.ofMillis(200), calls.backoffBefore(2));
        assertEquals(Duration.ofMillis(400), calls.backoffBefore(3));
    }
}
