package dev.lectern.store.qdrant;

import java.time.Duration;
import java.util.Optional;

/**
 * The settings a {@link QdrantStore} is opened with: {@link QdrantConfig} as a value, so that the store can also
 * be opened outside the service (tests, {@code migrate}).
 *
 * @param host Qdrant host
 * @param port gRPC port, 1-65535
 * @param apiKey API key, or empty
 * @param tls whether to use TLS
 * @param collection the alias Lectern reads and writes through
 * @param shardNumber shards of a new collection, at least 1
 * @param replicationFactor copies of each shard of a new collection, at least 1
 * @param writeConsistency replicas that confirm a write, 1 to {@code replicationFactor}
 * @param timeout deadline of each call, positive
 * @param retries extra attempts after a transient failure, 0 or more
 * @param retryBackoff wait before the first retry, doubled each time
 * @param retireAfter how long replaced passages stay before they are deleted
 * @param upsertBatch passages per upsert request, at least 1
 * @param createTimeout deadline of creating a collection, at least {@code timeout}
 * @param rebuildLease how long a rebuild's claim on the new collection holds unless renewed, positive
 */
public record QdrantSettings(
        String host,
        int port,
        Optional<String> apiKey,
        boolean tls,
        String collection,
        int shardNumber,
        int replicationFactor,
        int writeConsistency,
        Duration timeout,
        int retries,
        Duration retryBackoff,
        Duration retireAfter,
        int upsertBatch,
        Duration createTimeout,
        Duration rebuildLease) {

    public QdrantSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("lectern.qdrant.host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("lectern.qdrant.port must be 1-65535, was " + port);
        }
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(key -> !key.isBlank());
        if (collection == null || !collection.matches("[A-Za-z0-9_-]{1,200}")) {
            throw new IllegalArgumentException("lectern.qdrant.collection must be 1-200 characters of A-Z, a-z, 0-9,"
                    + " '_' or '-', was '" + collection + "'");
        }
        if (shardNumber < 1) {
            throw new IllegalArgumentException("lectern.qdrant.shard-number must be >= 1, was " + shardNumber);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "lectern.qdrant.replication-factor must be >= 1, was " + replicationFactor);
        }
        if (writeConsistency < 1 || writeConsistency > replicationFactor) {
            throw new IllegalArgumentException("lectern.qdrant.write-consistency must be 1-" + replicationFactor
                    + " (the replication factor), was " + writeConsistency);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lectern.qdrant.timeout must be positive, was " + timeout);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("lectern.qdrant.retries must be 0-10, was " + retries);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("lectern.qdrant.retry-backoff must be >= 0, was " + retryBackoff);
        }
        if (retireAfter == null || retireAfter.isNegative()) {
            throw new IllegalArgumentException("lectern.qdrant.retire-after must be >= 0, was " + retireAfter);
        }
        if (upsertBatch < 1) {
            throw new IllegalArgumentException("lectern.qdrant.upsert-batch must be >= 1, was " + upsertBatch);
        }
        if (createTimeout == null || createTimeout.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("lectern.qdrant.create-timeout must be at least lectern.qdrant.timeout ("
                    + timeout + "), was " + createTimeout);
        }
        if (rebuildLease == null || rebuildLease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException(
                    "lectern.qdrant.rebuild-lease must be at least 10s, was " + rebuildLease);
        }
    }

    /** The configured settings, checked. */
    public static QdrantSettings of(QdrantConfig config) {
        return new QdrantSettings(
                config.host(),
                config.port(),
                config.apiKey(),
                config.tls(),
                config.collection(),
                config.shardNumber(),
                config.replicationFactor(),
                config.writeConsistency(),
                config.timeout(),
                config.retries(),
                config.retryBackoff(),
                config.retireAfter(),
                config.upsertBatch(),
                config.createTimeout(),
                config.rebuildLease());
    }

    /** Defaults for a server at {@code host:port}, as the configuration keys document them. */
    public static QdrantSettings defaults(String host, int port, String collection) {
        return new QdrantSettings(
                host,
                port,
                Optional.empty(),
                false,
                collection,
                1,
                1,
                1,
                Duration.ofSeconds(5),
                2,
                Duration.ofMillis(200),
                Duration.ofSeconds(60),
                256,
                Duration.ofSeconds(60),
                Duration.ofMinutes(2));
    }

    /** The server in words, for messages: {@code Qdrant at host:port}. */
    public String describe() {
        return "Qdrant at " + host + ":" + port;
    }
}
