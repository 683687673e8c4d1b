package dev.lectern.ingest;

import dev.lectern.embedding.EmbeddingConfig;
import dev.lectern.embedding.EmbeddingConfig.RecipeChange;
import dev.lectern.lecture.LectureId;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.TranscriptFormat;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Makes the store ready before Lectern takes requests: re-embeds an index built with another recipe (or stops,
 * as configured), and indexes the seed lectures into an empty store.
 */
@ApplicationScoped
class CorpusSeeder {

    private static final Logger LOG = Logger.getLogger(CorpusSeeder.class);
    private static final String SAMPLE = "/corpus/cs25-ming-ding-multimodal-pretraining.txt";

    private final PassageStore store;
    private final PassagePipeline pipeline;
    private final IngestService ingest;
    private final CorpusConfig corpus;
    private final EmbeddingConfig embedding;

    CorpusSeeder(
            PassageStore store,
            PassagePipeline pipeline,
            IngestService ingest,
            CorpusConfig corpus,
            EmbeddingConfig embedding) {
        this.store = store;
        this.pipeline = pipeline;
        this.ingest = ingest;
        this.corpus = corpus;
        this.embedding = embedding;
    }

    void onStart(@Observes StartupEvent event) {
        reconcileRecipe();
        if (corpus.seedOnEmptyStore() && store.lectures().isEmpty()) {
            seed();
        }
    }

    private void reconcileRecipe() {
        Optional<IndexRecipe> stored = store.recipe();
        IndexRecipe current = pipeline.recipe();
        if (stored.isEmpty() || stored.get().equals(current)) {
            return;
        }
        if (embedding.onRecipeChange() == RecipeChange.FAIL) {
            throw new IllegalStateException(
                    "The index was built with " + stored.get().describe()
                            + " but Lectern is configured for " + current.describe()
                            + ". Vectors of different recipes cannot be mixed: set lectern.embedding.on-recipe-change=reembed"
                            + " to re-embed every lecture, or restore the previous embedding and passage settings.");
        }
        LOG.infof(
                "The index was built with %s; re-embedding every lecture for %s",
                stored.get().describe(), current.describe());
        ingest.reembedAll();
    }

    private void seed() {
        List<Path> files = corpus.seedFiles().orElse(List.of());
        if (files.isEmpty()) {
            LOG.info("Empty store: indexing the bundled sample lecture");
            ingest.ingest(new LectureUpload(
                    "cs25-ming-ding-multimodal-pretraining",
                    "Multimodal pre-training: Ming Ding (Stanford CS25)",
                    null,
                    TranscriptFormat.AUTO,
                    classpathBytes(SAMPLE)));
            return;
        }
        for (Path file : files) {
            LOG.infof("Empty store: indexing %s", file);
            ingest.ingest(uploadOf(file));
        }
    }

    static LectureUpload uploadOf(Path file) {
        String name = file.getFileName().toString();
        String baseName = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        Properties metadata = new Properties();
        Path sidecar = file.resolveSibling(name + ".properties");
        try {
            if (Files.exists(sidecar)) {
                try (Reader reader = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
                    metadata.load(reader);
                }
            }
            return new LectureUpload(
                    LectureId.check(metadata.getProperty("id", LectureId.slug(baseName))),
                    metadata.getProperty("title", baseName),
                    metadata.getProperty("sourceUrl"),
                    TranscriptFormat.fromId(metadata.getProperty("format", "auto")),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read seed lecture " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] classpathBytes(String name) {
        try (InputStream in = CorpusSeeder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the sample lecture " + name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
