package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.util.concurrent.Futures;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.StoreUnavailableException;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each Qdrant call is timed by operation and gRPC code, and each failed attempt counted, without lecture ids. */
class QdrantCallMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QdrantCalls calls = new QdrantCalls(
                    "Qdrant at test:6334",
                    Duration.ofMillis(50),
                    1,
                    Duration.ofMillis(1),
                    () -> {},
                    () -> {},
                    millis -> {})
            .reportingTo(new StoreTelemetry(OpenTelemetry.noop().getTracer("test"), meters));

    @Test
    void timesCallsByOperationAndCode() {
        AtomicInteger attempts = new AtomicInteger();
        calls.call(
                "search",
                () -> attempts.incrementAndGet() == 1
                        ? Futures.immediateFailedFuture(Status.UNAVAILABLE.asRuntimeException())
                        : Futures.immediateFuture("ok"));
        assertEquals(
                1,
                meters.get("lectern.qdrant.call")
                        .tags("operation", "search", "code", "OK")
                        .timer()
                        .count());
        assertEquals(
                1.0,
                meters.get("lectern.qdrant.call.failures")
                        .tags("operation", "search", "code", "UNAVAILABLE")
                        .counter()
                        .count(),
                "the retried attempt counts as a failure");

        assertThrows(
                StoreUnavailableException.class,
                () -> calls.call(
                        "delete lecture 'some-lecture'",
                        () -> Futures.immediateFailedFuture(Status.UNAVAILABLE.asRuntimeException())));
        assertEquals(
                1,
                meters.get("lectern.qdrant.call")
                        .tags("operation", "delete lecture", "code", "UNAVAILABLE")
                        .timer()
                        .count());
        assertEquals(
                2.0,
                meters.get("lectern.qdrant.call.failures")
                        .tags("operation", "delete lecture")
                        .counter()
                        .count());

        assertThrows(
                IllegalStateException.class,
                () -> calls.call(
                        "create collection lectern-1764620000",
                        () -> Futures.immediateFailedFuture(Status.INVALID_ARGUMENT.asRuntimeException())));
        assertEquals(
                1,
                meters.get("lectern.qdrant.call")
                        .tags("operation", "create collection", "code", "INVALID_ARGUMENT")
                        .timer()
                        .count());
    }

    @Test
    void operationsNameNoLectureOrCollection() {
        assertEquals("search", QdrantCalls.operation("search"));
        assertEquals("write passages of lecture", QdrantCalls.operation("write passages of lecture 'x'"));
        assertEquals("read collection", QdrantCalls.operation("read collection lectern-17"));
        assertEquals("index lecture_id", QdrantCalls.operation("index lecture_id"));
    }
}
