package dev.lectern.store.lucene;

import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore.Rebuilt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Writes a whole new index from every lecture, with one indexing thread per core, for a rebuild: the store swaps
 * it in once it is complete ({@link IndexDirectory#swap()}).
 */
final class ParallelRebuild {

    private ParallelRebuild() {}

    /** Writes a complete index with {@code recipe} into {@code target}; on failure nothing is left there. */
    static void buildIndex(Path target, IndexRecipe recipe, Iterator<Rebuilt> lectures) throws IOException {
        IOUtils.rm(target);
        try (Directory directory = FSDirectory.open(target);
                IndexWriter rebuildWriter = new IndexWriter(directory, rebuildWriterConfig())) {
            addInParallel(rebuildWriter, recipe, lectures);
            rebuildWriter.setLiveCommitData(recipe.toMap().entrySet());
            rebuildWriter.commit();
        } catch (IOException | RuntimeException e) {
            // The writer has been closed without committing (commitOnClose is off); drop its files.
            try {
                IOUtils.rm(target);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Adds every lecture from one thread per core. Building the HNSW graph is most of an index's write cost, and
     * each indexing thread builds its own segment's graph, so the cores share it; the lectures are still taken
     * from {@code lectures} one at a time.
     */
    private static void addInParallel(IndexWriter target, IndexRecipe recipe, Iterator<Rebuilt> lectures)
            throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "lectern-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try {
                        while (!failed.get()) {
                            Rebuilt rebuilt;
                            synchronized (lectures) {
                                if (!lectures.hasNext()) {
                                    return null;
                                }
                                rebuilt = lectures.next();
                            }
                            target.updateDocuments(
                                    LuceneDocuments.lectureTerm(
                                            rebuilt.lecture().lecture().id()),
                                    LuceneDocuments.lectureBlock(
                                            rebuilt.lecture(), rebuilt.passages(), recipe.dimension()));
                        }
                        return null;
                    } catch (IOException | RuntimeException e) {
                        failed.set(true); // the other threads stop at their next lecture
                        throw e;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                waitFor(worker);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitFor(Future<?> worker) throws IOException {
        try {
            worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rebuilding the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A rebuild writes everything at once: a larger buffer makes fewer, larger segments, so fewer merges build
     * HNSW graphs again. A quarter of the heap, at most 1 GiB.
     */
    private static IndexWriterConfig rebuildWriterConfig() {
        long quarterOfHeapMb = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
        return IndexDirectory.writerConfig().setRAMBufferSizeMB(Math.max(16, Math.min(1024, quarterOfHeapMb)));
    }
}
