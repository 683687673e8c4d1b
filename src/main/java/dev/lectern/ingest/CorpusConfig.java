package dev.lectern.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Lectures indexed when Lectern starts with an empty store, so a new user can ask questions at once. */
@ConfigMapping(prefix = "lectern.corpus")
public interface CorpusConfig {

    /** Index the seed lectures when the store holds no lecture at start. Default true. */
    @WithDefault("true")
    boolean seedOnEmptyStore();

    /**
     * Transcript files to seed the store with, comma-separated. Each file's name (without extension) becomes
     * the lecture id; a {@code <file>.properties} beside it may set {@code id}, {@code title} and
     * {@code sourceUrl}. Default: the bundled sample lecture (Stanford CS25, Ming Ding, multimodal
     * pre-training).
     */
    Optional<List<Path>> seedFiles();
}
