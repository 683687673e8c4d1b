package dev.lectern.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Service-wide settings: where data lives, who may write, how large an upload may be. */
@ConfigMapping(prefix = "lectern")
public interface LecternConfig {

    /** Directory of the embedded store's index. Created when missing. Default {@code ./data}. */
    @WithDefault("data")
    Path dataDir();

    /**
     * Key required as {@code Authorization: Bearer <key>} on writes (PUT, POST, DELETE under
     * {@code /api/lectures}). When unset, writes are accepted from loopback addresses only.
     */
    Optional<String> apiKey();

    /** Largest transcript accepted, as a request body or inside a JSON body. Default 20M (20 MiB). */
    @WithDefault("20M")
    MemorySize maxTranscriptBytes();
}
