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
    private final QdrantCalls calls = new QdrantCalls(
            "Qdrant at test:6334",
            Duration.ofMillis(50),
            2,
            Duration.ofMillis(100),
            reconnects::incrementAndGet,
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
