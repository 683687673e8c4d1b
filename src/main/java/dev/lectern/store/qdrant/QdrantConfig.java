package dev.lectern.store.qdrant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How Lectern reaches and lays out its Qdrant collection; read only when {@code lectern.store=qdrant}. Durations
 * take the Quarkus forms ({@code 5s}, {@code 500ms}, {@code PT1M}).
 */
@ConfigMapping(prefix = "lectern.qdrant")
public interface QdrantConfig {

    /** Host name of Qdrant (any node of a cluster, or a Kubernetes Service). Default {@code localhost}. */
    @WithDefault("localhost")
    @NotBlank
    String host();

    /** Qdrant's gRPC port (not the REST port 6333). Default {@code 6334}. */
    @WithDefault("6334")
    @Min(1)
    @Max(65535)
    int port();

    /** Qdrant API key, sent as the {@code api-key} header; unset for a server without one. */
    Optional<String> apiKey();

    /** Whether to connect with TLS. Default {@code false}. */
    @WithDefault("false")
    boolean tls();

    /**
     * Name Lectern reads and writes through: an alias that Lectern points at a collection of its own
     * ({@code <collection>-<suffix>}) and moves atomically when it rebuilds. Default {@code lectern}.
     */
    @WithDefault("lectern")
    @NotBlank
    String collection();

    /** Shards of a new collection (fixed at creation). Default {@code 1}; see deploy/README.md for a cluster. */
    @WithDefault("1")
    @Positive
    int shardNumber();

    /** Copies of each shard in a new collection. Default {@code 1}; {@code 2} or more on a cluster. */
    @WithDefault("1")
    @Positive
    int replicationFactor();

    /**
     * Replicas that must confirm a write before it succeeds, for a new collection (at most
     * {@link #replicationFactor()}). Default {@code 1}.
     */
    @WithDefault("1")
    @Positive
    int writeConsistency();

    /** Deadline of every single call to Qdrant. Default {@code 5s}. */
    @WithDefault("5s")
    @DurationMin(nanos = 0, inclusive = false, message = "must be longer than 0")
    Duration timeout();

    /**
     * Extra attempts after a call fails with a transient error (unavailable, deadline exceeded, a passing cluster
     * fault, a rate limit). Default {@code 2}.
     */
    @WithDefault("2")
    @PositiveOrZero
    @Max(10)
    int retries();

    /** Wait before the first retry; doubled for each further one. Default {@code 200ms}. */
    @WithDefault("200ms")
    @DurationMin(nanos = 0, message = "must not be negative")
    Duration retryBackoff();

    /**
     * How long a replaced or deleted lecture's passages stay in the collection, invisible to new searches,
     * before they are deleted: searches already under way finish on what they started with. Must exceed the
     * longest search (timeout times attempts). Default {@code 60s}.
     */
    @WithDefault("60s")
    @DurationMin(nanos = 0, message = "must not be negative")
    Duration retireAfter();

    /** Passages per upsert request. Default {@code 256}. */
    @WithDefault("256")
    @WithName("upsert-batch")
    @Positive
    int upsertBatch();

    /**
     * Deadline of creating a collection, which on a cluster waits for consensus and for every replica to become
     * active; also sent to Qdrant as the operation's own timeout. At least {@link #timeout()}. Default {@code 60s}.
     */
    @WithDefault("60s")
    @DurationMin(nanos = 0, inclusive = false, message = "must be longer than 0")
    Duration createTimeout();

    /**
     * How long a rebuild's claim on its new collection holds without renewal (it is renewed while the rebuild
     * writes). Another replica takes over a claim older than this, as from a rebuild that died. At least
     * {@code 10s}. Default {@code 2m}.
     */
    @WithDefault("2m")
    @DurationMin(seconds = 10, message = "must be at least 10s")
    Duration rebuildLease();
}
