package dev.lectern.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteAccessPolicyTest {

    private final WriteAccessPolicy open = new WriteAccessPolicy(Optional.empty());
    private final WriteAccessPolicy keyed = new WriteAccessPolicy(Optional.of("s3cret"));

    @Test
    void withoutAKeyOnlyLoopbackMayWrite() {
        assertTrue(open.check(null, "127.0.0.1").isEmpty());
        assertTrue(open.check(null, "127.8.9.10").isEmpty());
        assertTrue(open.check(null, "0:0:0:0:0:0:0:1").isEmpty());
        assertTrue(open.check(null, "[::1]").isEmpty());
        assertEquals(403, open.check(null, "192.168.1.20").orElseThrow().status());
        assertEquals(403, open.check(null, "2001:db8::1").orElseThrow().status());
        assertEquals(
                403, open.check(null, "localhost.evil.example").orElseThrow().status());
        assertEquals(403, open.check(null, null).orElseThrow().status());
    }

    @Test
    void withAKeyEveryoneNeedsIt() {
        assertEquals(401, keyed.check(null, "127.0.0.1").orElseThrow().status());
        assertEquals(401, keyed.check("Bearer nope", "127.0.0.1").orElseThrow().status());
        assertEquals(401, keyed.check("Basic s3cret", "10.0.0.1").orElseThrow().status());
        assertTrue(keyed.check("Bearer s3cret", "10.0.0.1").isEmpty());
    }

    @Test
    void aBlankKeyCountsAsNoKey() {
        assertFalse(new WriteAccessPolicy(Optional.of("  "))
                .check(null, "127.0.0.1")
                .isPresent());
    }
}
