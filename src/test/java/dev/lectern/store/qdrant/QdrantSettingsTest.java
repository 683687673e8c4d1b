package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad Qdrant settings stop Lectern with a message naming the key, the value and the legal range. */
class QdrantSettingsTest {

    @Test
    void defaultsMatchTheDocumentedKeys() {
        QdrantSettings settings = QdrantSettings.defaults("localhost", 6334, "lectern");
        assertEquals(Duration.ofSeconds(5), settings.timeout());
        assertEquals("Qdrant at localhost:6334", settings.describe());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheKey() {
        assertMessage("lectern.qdrant.port must be 1-65535, was 70000", () -> with(70_000, 1, 1, "lectern"));
        assertMessage(
                "lectern.qdrant.write-consistency must be 1-2 (the replication factor), was 3",
                () -> with(6334, 2, 3, "lectern"));
        assertMessage(
                "lectern.qdrant.collection must be 1-200 characters of A-Z, a-z, 0-9, '_' or '-', was 'a b'",
                () -> with(6334, 1, 1, "a b"));
    }

    private static void assertMessage(String message, Runnable settings) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, settings::run).getMessage());
    }

    private static QdrantSettings with(int port, int replication, int writeConsistency, String collection) {
        return new QdrantSettings(
                "localhost",
                port,
                Optional.empty(),
                false,
                collection,
                1,
                replication,
                writeConsistency,
                Duration.ofSeconds(5),
                2,
                Duration.ofMillis(200),
                Duration.ofSeconds(60),
                256,
                Duration.ofSeconds(60),
                Duration.ofMinutes(2));
    }
}
