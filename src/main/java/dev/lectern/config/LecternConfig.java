package dev.lectern.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.util.Optional;

/** Service-wide settings: which store holds the passages, who may write, how large an upload may be. */
@ConfigMapping(prefix = "lectern")
public interface LecternConfig {

    /**
     * Where passages and vectors live: {@code embedded} (default), a Lucene index under {@link #dataDir()}, or
     * {@code qdrant}, a Qdrant collection configured under {@code lectern.qdrant.*}.
     */
    @WithDefault("embedded")
    StoreKind store();

    /** The store adapters Lectern can run on. */
    enum StoreKind {
        /** The embedded Lucene index: one machine, nothing else to run. */
        EMBEDDED,
        /** A Qdrant server or cluster, over gRPC. */
        QDRANT
    }

    /**
     * Directory of the embedded store's index (used when {@link #store()} is {@code embedded}, and as the
     * embedded side of {@code migrate}). Created when missing. Default {@code ./data}.
     */
    @WithDefault("data")
    Path dataDir();

    /**
     * Key required as {@code Authorization: Bearer <key>} on writes (PUT, POST, DELETE under
     * {@code /api/lectures}). When unset, writes are accepted from loopback addresses only.
     */
    Optional<String> apiKey();

    /** Largest transcript accepted, as a request body or inside a JSON body. Default 20M (20 MiB). */
    @WithDefault("20M")
    @PositiveSize
    MemorySize maxTranscriptBytes();

    /**
     * Passages kept ready in memory (when full, those least likely to be used again are dropped): decoded from the embedded store's index,
     * and split into sentences analysed for highlighting, because the same passages answer many questions
     * (docs/performance.md). 0 keeps none. Default 2048.
     */
    @WithDefault("2048")
    @PositiveOrZero
    int passageCacheSize();
}
