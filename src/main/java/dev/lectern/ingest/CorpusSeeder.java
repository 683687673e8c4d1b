package dev.lectern.ingest;

import dev.lectern.embedding.EmbeddingConfig;
import dev.lectern.embedding.EmbeddingConfig.RecipeChange;
import dev.lectern.lecture.LectureId;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreUnavailableException;
import dev.lectern.transcript.TranscriptFormat;
import io.quarkus.runtime.ShutdownEvent;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Makes the store ready before Lectern takes requests: re-embeds an index built with another recipe (or stops,
 * as configured), and indexes the seed lectures into an empty store.
 *
 * <p>When the store is a server that cannot be reached at start ({@link StoreUnavailableException}), Lectern
 * starts anyway (searches and writes answer 503 meanwhile) and this work is retried every
 * {@value #RETRY_SECONDS} seconds in the background until it succeeds.
 */
@ApplicationScoped
class CorpusSeeder {

    private static final Logger LOG = Logger.getLogger(CorpusSeeder.class);
    private static final String SAMPLE = "/corpus/cs25-ming-ding-multimodal-pretraining.txt";
    private static final String SAMPLE_ID = "cs25-ming-ding-multimodal-pretraining";

    /** Seconds between attempts to prepare a store that was unreachable at start. */
    static final int RETRY_SECONDS = 5;

    private final PassageStore store;
    private final PassagePipeline pipeline;
    private final IngestService ingest;
    private final CorpusConfig corpus;
    private final EmbeddingConfig embedding;
    private final OutlineService outlines;

    /** Whether the seed lectures still have to be indexed; decided once, when the store first answers. */
    private volatile Boolean seedPending;

    private volatile ScheduledExecutorService retries;

    CorpusSeeder(
            PassageStore store,
            PassagePipeline pipeline,
            IngestService ingest,
            CorpusConfig corpus,
            EmbeddingConfig embedding,
            OutlineService outlines) {
        this.store = store;
        this.pipeline = pipeline;
        this.ingest = ingest;
        this.corpus = corpus;
        this.embedding = embedding;
        this.outlines = outlines;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            prepare();
        } catch (StoreUnavailableException e) {
            LOG.warnf(
                    "%s. Lectern starts anyway and answers 503 to searches and writes until the store is back;"
                            + " preparing the store is retried every %d s.",
                    e.getMessage(), RETRY_SECONDS);
            retryInBackground();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ScheduledExecutorService executor = retries;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Reconciles the recipe, brings chapters up to date and seeds; safe to repeat after a failure part-way. */
    private void prepare() {
        reconcileRecipe();
        outlines.refreshStale();
        if (seedPending == null) {
            seedPending = corpus.seedOnEmptyStore() && store.lectures().isEmpty();
        }
        if (seedPending) {
            seed();
            seedPending = false;
        }
    }

    private synchronized void retryInBackground() {
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lectern-store-prepare");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(
                () -> {
                    try {
                        prepare();
                        LOG.info("The store is reachable again and prepared");
                        retries.shutdown();
                    } catch (StoreUnavailableException e) {
                        LOG.debugf("Store still unavailable: %s", e.getMessage());
                    } catch (RuntimeException e) {
                        // Not a passing fault (a collection of another model, say): readiness reports it.
                        LOG.error("Preparing the store failed; fix the cause and restart Lectern", e);
                        retries.shutdown();
                    }
                },
                RETRY_SECONDS,
                RETRY_SECONDS,
                TimeUnit.SECONDS);
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

    /** Indexes each seed lecture not stored yet, so a seeding cut off by a store outage resumes where it was. */
    private void seed() {
        List<Path> files = corpus.seedFiles().orElse(List.of());
        if (files.isEmpty()) {
            if (store.lecture(SAMPLE_ID).isEmpty()) {
                LOG.info("Empty store: indexing the bundled sample lecture");
                ingest.ingest(new LectureUpload(
                        SAMPLE_ID,
                        "Multimodal pre-training: Ming Ding (Stanford CS25)",
                        null,
                        TranscriptFormat.AUTO,
                        classpathBytes(SAMPLE)));
            }
            return;
        }
        for (Path file : files) {
            LectureUpload upload = uploadOf(file);
            if (store.lecture(upload.id()).isEmpty()) {
                LOG.infof("Empty store: indexing %s", file);
                ingest.ingest(upload);
            }
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
                    metadata.getProperty("id", LectureId.slug(baseName)),
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
