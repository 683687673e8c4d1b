package dev.lectern.api;

import dev.lectern.store.qdrant.QdrantTestServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Lectern on the real Qdrant named by {@code QDRANT_URL}, in a collection of its own. */
public final class QdrantServerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        if (!QdrantTestServer.isConfigured()) {
            // Quarkus reads profiles while discovering tests, also those that will be skipped.
            return Map.of();
        }
        return Map.of(
                "lectern.store", "qdrant",
                "lectern.qdrant.host", QdrantTestServer.host(),
                "lectern.qdrant.port", Integer.toString(QdrantTestServer.port()),
                "lectern.qdrant.tls", Boolean.toString(QdrantTestServer.tls()),
                "lectern.qdrant.collection", QdrantTestServer.freshCollection(),
                "lectern.qdrant.retire-after", "2s");
    }
}
