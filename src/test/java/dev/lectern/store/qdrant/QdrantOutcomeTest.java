package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** Each gRPC code Qdrant (or the gRPC library) sends, in the bucket that decides retry and HTTP status. */
class QdrantOutcomeTest {

    @Test
    void downSlowAndClusterFaultsAreTransient() {
        for (Status status : new Status[] {
            Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.INTERNAL.withDescription("Service internal error")
        }) {
            assertEquals(QdrantOutcome.TRANSIENT, QdrantOutcome.of(status), status.toString());
        }
        assertTrue(QdrantOutcome.TRANSIENT.retried());
    }

    @Test
    void resourceExhaustedIsARateLimitUnlessTheAnswerWasTooLarge() {
        assertEquals(
                QdrantOutcome.RATE_LIMITED,
                QdrantOutcome.of(Status.RESOURCE_EXHAUSTED.withDescription("Rate limiting exceeded: Write rate")));
        assertEquals(
                QdrantOutcome.TOO_LARGE,
                QdrantOutcome.of(Status.RESOURCE_EXHAUSTED.withDescription(
                        "gRPC message exceeds maximum size 4194304: 9000000")));
        assertTrue(QdrantOutcome.RATE_LIMITED.retried());
        assertFalse(QdrantOutcome.TOO_LARGE.retried());
    }

    @Test
    void missingAndExistingAreTheirOwnOutcomes() {
        assertEquals(QdrantOutcome.NOT_FOUND, QdrantOutcome.of(Status.NOT_FOUND));
        assertEquals(QdrantOutcome.ALREADY_EXISTS, QdrantOutcome.of(Status.ALREADY_EXISTS));
        assertFalse(QdrantOutcome.NOT_FOUND.retried());
    }

    @Test
    void refusalsAreNotRetried() {
        for (Status status : new Status[] {
            Status.INVALID_ARGUMENT, Status.FAILED_PRECONDITION, Status.PERMISSION_DENIED, Status.UNAUTHENTICATED
        }) {
            assertEquals(QdrantOutcome.REFUSED, QdrantOutcome.of(status), status.toString());
        }
    }

    @Test
    void serverVersionCheckAcceptsOneSixteenAndLater() {
        assertTrue(AliasResolver.supportsServerVersion("1.16.0"));
        assertTrue(AliasResolver.supportsServerVersion("1.17.2-dev"));
        assertTrue(AliasResolver.supportsServerVersion("2.0.0"));
        assertFalse(AliasResolver.supportsServerVersion("1.15.5"));
    }
}
