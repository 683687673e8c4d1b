package dev.lectern.store.qdrant;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real Qdrant named by the {@code QDRANT_URL} environment variable ({@code http://host:6334}, or
 * {@code host:port}; the gRPC port), for the tests that need one. No Qdrant runs on the machines that build
 * Lectern, so those tests are skipped there.
 */
public final class QdrantTestServer {

    /** The variable that enables the Qdrant integration tests. */
    public static final String VARIABLE = "QDRANT_URL";

    /** Why they were skipped. */
    public static final String SKIPPED = "QDRANT_URL is not set: no Qdrant server to test against (start one, e.g."
            + " 'docker run -p 6334:6334 qdrant/qdrant:v1.16.0', and set QDRANT_URL=http://localhost:6334)";

    private QdrantTestServer() {}

    /** Whether {@code QDRANT_URL} names a server. */
    public static boolean isConfigured() {
        String value = System.getenv(VARIABLE);
        return value != null && !value.isBlank();
    }

    public static String host() {
        return uri().getHost();
    }

    public static int port() {
        int port = uri().getPort();
        return port > 0 ? port : 6334;
    }

    public static boolean tls() {
        return "https".equals(uri().getScheme());
    }

    /** A collection name no other test uses. */
    public static String freshCollection() {
        return "lectern-test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** Settings for a store on a fresh collection, with a short grace period. */
    public static QdrantSettings settings(String collection) {
        QdrantSettings defaults = QdrantSettings.defaults(host(), port(), collection);
        return new QdrantSettings(
                defaults.host(),
                defaults.port(),
                defaults.apiKey(),
                tls(),
                collection,
                1,
                1,
                1,
                defaults.timeout(),
                defaults.retries(),
                defaults.retryBackoff(),
                java.time.Duration.ofSeconds(2),
                defaults.upsertBatch(),
                defaults.createTimeout(),
                defaults.rebuildLease());
    }

    /** Deletes the alias and every collection made under it. */
    public static void drop(String collection) throws Exception {
        try (QdrantClient client = new QdrantClient(
                QdrantGrpcClient.newBuilder(host(), port(), tls(), false).build())) {
            for (AliasDescription alias : client.listAliasesAsync().get(10, TimeUnit.SECONDS)) {
                if (alias.getAliasName().equals(collection)) {
                    client.deleteAliasAsync(collection).get(10, TimeUnit.SECONDS);
                }
            }
            List<String> collections = client.listCollectionsAsync().get(10, TimeUnit.SECONDS);
            for (String name : collections) {
                if (name.equals(collection) || name.startsWith(collection + "-")) {
                    client.deleteCollectionAsync(name).get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static URI uri() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(SKIPPED);
        }
        return URI.create(value.contains("://") ? value : "http://" + value);
    }
}
