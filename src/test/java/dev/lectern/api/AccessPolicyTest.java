package dev.lectern.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.api.AccessPolicy.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy open = new AccessPolicy(List.of(), List.of());
    private final AccessPolicy keyed = new AccessPolicy(List.of(), List.of("s3cret"));
    private final AccessPolicy readKeyed = new AccessPolicy(List.of("reader-one", "reader-two"), List.of("writer-one"));

    @Test
    void withoutAKeyOnlyLoopbackMayWrite() {
        assertTrue(open.checkWrite(null, "127.0.0.1").isEmpty());
        assertTrue(open.checkWrite(null, "127.8.9.10").isEmpty());
        assertTrue(open.checkWrite(null, "0:0:0:0:0:0:0:1").isEmpty());
        assertTrue(open.checkWrite(null, "[::1]").isEmpty());
        assertEquals(403, open.checkWrite(null, "192.168.1.20").orElseThrow().status());
        assertEquals(403, open.checkWrite(null, "2001:db8::1").orElseThrow().status());
        assertEquals(
                403,
                open.checkWrite(null, "localhost.evil.example").orElseThrow().status());
        assertEquals(403, open.checkWrite(null, null).orElseThrow().status());
    }

    @Test
    void withAKeyEveryoneNeedsIt() {
        assertEquals(401, keyed.checkWrite(null, "127.0.0.1").orElseThrow().status());
        assertEquals(
                401, keyed.checkWrite("Bearer nope", "127.0.0.1").orElseThrow().status());
        assertEquals(
                401, keyed.checkWrite("Basic s3cret", "10.0.0.1").orElseThrow().status());
        assertTrue(keyed.checkWrite("Bearer s3cret", "10.0.0.1").isEmpty());
    }

    @Test
    void aBlankKeyCountsAsNoKey() {
        AccessPolicy blank = new AccessPolicy(List.of(" "), List.of("  "));
        assertFalse(blank.checkWrite(null, "127.0.0.1").isPresent());
        assertFalse(blank.readsNeedKey());
    }

    @Test
    void readsAreOpenUntilAReadKeyIsSet() {
        assertTrue(open.checkRead(null).isEmpty());
        assertTrue(keyed.checkRead(null).isEmpty(), "a write key alone keeps reads open, as before");
        assertTrue(readKeyed.readsNeedKey());
        assertEquals(401, readKeyed.checkRead(null).orElseThrow().status());
        assertEquals(401, readKeyed.checkRead("Bearer guess").orElseThrow().status());
        assertEquals(401, readKeyed.checkRead("Basic reader-one").orElseThrow().status());
    }

    @Test
    void readKeysReadAndWriteKeysDoBoth() {
        assertTrue(readKeyed.checkRead("Bearer reader-one").isEmpty());
        assertTrue(readKeyed.checkRead("Bearer reader-two").isEmpty());
        assertTrue(readKeyed.checkRead("bearer  writer-one ").isEmpty());
        assertEquals(Grant.WRITE, readKeyed.grant("Bearer writer-one"));
        assertEquals(Grant.READ, readKeyed.grant("Bearer reader-two"));
        assertEquals(Grant.NONE, readKeyed.grant("Bearer reader-three"));
        assertTrue(readKeyed.checkWrite("Bearer writer-one", "10.0.0.1").isEmpty());
        Problem readerWrites =
                readKeyed.checkWrite("Bearer reader-one", "127.0.0.1").orElseThrow();
        assertEquals(403, readerWrites.status());
    }

    @Test
    void refusalsNeverRepeatTheKeyGiven() {
        for (Problem problem : List.of(
                readKeyed.checkRead("Bearer my-secret-guess").orElseThrow(),
                readKeyed.checkWrite("Bearer my-secret-guess", "10.0.0.1").orElseThrow(),
                keyed.checkWrite("Bearer my-secret-guess", "10.0.0.1").orElseThrow())) {
            assertFalse(problem.detail().contains("my-secret-guess"), problem.detail());
        }
    }

    @Test
    void clientsAreNamedByKeyPositionNeverByKey() {
        assertEquals("key-0", readKeyed.clientOf("Bearer writer-one").orElseThrow());
        assertEquals("key-2", readKeyed.clientOf("Bearer reader-two").orElseThrow());
        assertTrue(readKeyed.clientOf("Bearer unknown").isEmpty());
        assertTrue(readKeyed.clientOf(null).isEmpty());
    }
}
