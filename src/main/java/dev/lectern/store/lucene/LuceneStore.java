package dev.lectern.store.lucene;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.RecipeMismatchException;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.jboss.logging.Logger;

/**
 * The embedded {@link PassageStore}: one Lucene index under {@code <directory>/index}, holding HNSW vectors for
 * search and BM25 text for keyword search.
 *
 * <p>Every write is one {@code updateDocuments} block followed by a commit, and searchers only ever open
 * committed state, so a search sees a lecture's old or new version, never a mix. The recipe lives in the
 * commit's user data, so it changes together with the vectors it describes.
 *
 * <p>Around it: {@link IndexDirectory} (the lock, where the index lives, the rebuild swap and its recovery),
 * {@link ParallelRebuild} (a whole new index from every lecture), {@link LectureCatalogue} (the lectures as of one
 * reader), {@link LuceneDocuments} (documents) and {@link PassageSearch} (the search legs and their fusion).
 */
public final class LuceneStore implements PassageStore {

    private static final Logger LOG = Logger.getLogger(LuceneStore.class);

    /** Decoded passages kept for searches by {@link #open(Path)}: the service's default. */
    public static final int DEFAULT_PASSAGE_CACHE_SIZE = 2048;

    private final Path directory;

    /** The data directory, locked for the store's lifetime: where the index is, how a rebuild swaps in. */
    private final IndexDirectory files;

    /** Serialises writes: replace, delete, rebuild. */
    private final ReentrantLock writeLock = new ReentrantLock();

    /** Searches share it; swapping in a rebuilt index and closing take it exclusively. */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();

    // Replaced only under writeLock (writer) or swapLock's write lock (all of them).
    private Directory indexDirectory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private final PassageSearch passageSearch;

    private final LectureCatalogue catalogue = new LectureCatalogue();

    private volatile IndexRecipe recipe;
    private volatile boolean closed;

    private LuceneStore(Path directory, int passageCacheSize, StoreTelemetry telemetry) throws IOException {
        this.passageSearch = new PassageSearch(passageCacheSize, telemetry);
        this.files = IndexDirectory.lock(directory);
        this.directory = files.path();
        try {
            openIndex();
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(searchers, writer, indexDirectory, files);
            throw e;
        }
    }

    /**
     * Opens the store in {@code directory}, creating it when missing, and finishes a rebuild that was cut off.
     *
     * @throws IllegalStateException when another process holds the directory
     * @throws UncheckedIOException when the index cannot be read
     */
    public static LuceneStore open(Path directory) {
        return open(directory, DEFAULT_PASSAGE_CACHE_SIZE);
    }

    /**
     * Opens the store in {@code directory} as {@link #open(Path)} does, keeping up to {@code passageCacheSize}
     * passages decoded in memory for searches (0 for none).
     */
    public static LuceneStore open(Path directory, int passageCacheSize) {
        return open(directory, passageCacheSize, StoreTelemetry.NONE);
    }

    /**
     * Opens the store as {@link #open(Path, int)} does; searches report their legs as spans, and the passage cache
     * its hits, to {@code telemetry}.
     */
    public static LuceneStore open(Path directory, int passageCacheSize, StoreTelemetry telemetry) {
        if (passageCacheSize < 0) {
            throw new IllegalArgumentException("the passage cache size must be >= 0, was " + passageCacheSize);
        }
        try {
            return new LuceneStore(directory, passageCacheSize, telemetry);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not open the Lucene index in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<IndexRecipe> recipe() {
        ensureOpen();
        return Optional.ofNullable(recipe);
    }

    @Override
    public void replaceLecture(IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(lecture, "lecture");
        Objects.requireNonNull(passages, "passages");
        writeLock.lock();
        try {
            ensureWritable();
            IndexRecipe current = this.recipe;
            if (current != null && !current.equals(recipe)) {
                throw new RecipeMismatchException("the index in " + directory + " was built with " + current.describe()
                        + " but this write uses " + recipe.describe()
                        + "; rebuild the index to switch recipes instead of mixing vectors");
            }
            String lectureId = lecture.lecture().id();
            commitOrRollBack(() -> {
                writer.updateDocuments(
                        LuceneDocuments.lectureTerm(lectureId),
                        LuceneDocuments.lectureBlock(lecture, passages, recipe.dimension()));
                writer.setLiveCommitData(recipe.toMap().entrySet());
            });
            this.recipe = recipe;
            refresh();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean deleteLecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        writeLock.lock();
        try {
            ensureWritable();
            // Every write commits and refreshes under writeLock, so the searcher shows what the writer holds.
            if (lecture(lectureId).isEmpty()) {
                return false;
            }
            commitOrRollBack(() -> writer.deleteDocuments(LuceneDocuments.lectureTerm(lectureId)));
            refresh();
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void rebuild(IndexRecipe recipe, Iterator<Rebuilt> lectures) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(lectures, "lectures");
        writeLock.lock();
        try {
            ensureWritable();
            // Searches keep using the current index while the new one is written next to it.
            ParallelRebuild.buildIndex(files.rebuild(), recipe, lectures);
            swapLock.writeLock().lock();
            try {
                swapIn();
            } finally {
                swapLock.writeLock().unlock();
            }
            LOG.infof("Rebuilt the index in %s with %s", directory, recipe.describe());
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild the index in " + directory + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Lecture> lectures() {
        return read(searcher -> List.copyOf(catalogue.lecturesById(searcher).values()));
    }

    @Override
    public Optional<Lecture> lecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return read(
                searcher -> Optional.ofNullable(catalogue.lecturesById(searcher).get(lectureId)));
    }

    @Override
    public Optional<Outline> outline(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return read(searcher -> Optional.ofNullable(catalogue.outlines(searcher).get(lectureId)));
    }

    @Override
    public boolean replaceOutline(String lectureId, Outline outline) {
        Objects.requireNonNull(lectureId, "lectureId");
        Objects.requireNonNull(outline, "outline");
        writeLock.lock();
        try {
            ensureWritable();
            // Lucene cannot update one stored field: the lecture's block is written again, as it is, with the new
            // chapters. Writes are serialised, so nothing changes the block in between.
            Optional<LectureSource> source = transcript(lectureId);
            if (source.isEmpty()) {
                return false;
            }
            List<EmbeddedPassage> passages = passages(lectureId);
            LectureSource updated =
                    new LectureSource(source.get().lecture(), source.get().segments(), outline);
            IndexRecipe current = this.recipe;
            commitOrRollBack(() -> writer.updateDocuments(
                    LuceneDocuments.lectureTerm(lectureId),
                    LuceneDocuments.lectureBlock(updated, passages, current.dimension())));
            refresh();
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<LectureSource> transcript(String lectureId) {
        return lectureDocument(lectureId).map(LuceneDocuments::toSource);
    }

    @Override
    public List<EmbeddedPassage> passages(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return read(searcher -> {
            ScoreDoc[] matches =
                    LuceneDocuments.every(searcher, LuceneDocuments.kindQuery(FieldNames.KIND_PASSAGE, lectureId));
            StoredFields stored = searcher.storedFields();
            List<EmbeddedPassage> passages = new ArrayList<>(matches.length);
            for (ScoreDoc scoreDoc : matches) {
                passages.add(new EmbeddedPassage(
                        LuceneDocuments.toPassage(stored.document(scoreDoc.doc)),
                        PassageSearch.vector(searcher, scoreDoc.doc)));
            }
            passages.sort(Comparator.comparingInt(p -> p.passage().ordinal()));
            return passages;
        });
    }

    @Override
    public List<PassageHit> search(PassageQuery query) {
        Objects.requireNonNull(query, "query");
        return read(searcher -> {
            IndexRecipe current = recipe;
            if (current == null) {
                return List.of(); // never written: no vector field to search yet
            }
            if (query.vector() != null && query.vector().length != current.dimension()) {
                throw new IllegalArgumentException("the question vector has " + query.vector().length
                        + " dimensions, but the index was built with " + current.describe());
            }
            return passageSearch.search(searcher, query);
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        swapLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOUtils.close(searchers, writer, indexDirectory, files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the index in " + directory + ": " + e.getMessage(), e);
        } finally {
            searchers = null;
            writer = null;
            indexDirectory = null;
            swapLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    /** A lecture's whole document, its transcript included. */
    private Optional<Document> lectureDocument(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return read(searcher -> {
            TopDocs top = searcher.search(LuceneDocuments.kindQuery(FieldNames.KIND_LECTURE, lectureId), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            StoredFields stored = searcher.storedFields();
            int doc = top.scoreDocs[0].doc;
            return Optional.of(stored.document(doc));
        });
    }

    /** Runs {@code action} on a searcher over the latest committed state. */
    private <T> T read(SearcherAction<T> action) {
        swapLock.readLock().lock();
        try {
            ensureOpen();
            IndexSearcher searcher = searchers.acquire();
            try {
                return action.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the index in " + directory + ": " + e.getMessage(), e);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /**
     * Applies {@code changes} and commits. On any failure before the commit completes, the writer is rolled back
     * to the last commit, so the previous version stays intact and the store keeps accepting writes.
     */
    private void commitOrRollBack(WriterAction changes) {
        try {
            changes.apply();
            writer.commit();
        } catch (IOException e) {
            rollBack(e);
            throw new UncheckedIOException("could not write to the index in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollBack(e);
            throw e;
        }
    }

    private void rollBack(Throwable cause) {
        try {
            writer.rollback();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            writer = files.openWriter(indexDirectory);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            writer = null; // ensureWritable reports it from now on
        }
    }

    /** Makes committed changes visible to searches; blocks so the caller's next read sees them. */
    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the write to " + directory + " was saved, but searches could not see it yet: " + e.getMessage(),
                    e);
        }
    }

    /** Replaces the open index with the rebuilt one. Caller holds both locks. */
    private void swapIn() throws IOException {
        IOUtils.close(searchers, writer, indexDirectory);
        searchers = null;
        writer = null;
        indexDirectory = null;
        try {
            files.swap();
        } finally {
            // Whatever happened, reopen from disk: openIndex puts index.old back when the second move failed.
            openIndex();
        }
    }

    /** Opens {@code index}, first repairing what an interrupted rebuild swap left behind. */
    private void openIndex() throws IOException {
        files.recover();
        indexDirectory = FSDirectory.open(files.index());
        writer = files.openWriter(indexDirectory);
        if (!DirectoryReader.indexExists(indexDirectory)) {
            // Searchers open commits, so a new index needs a first, empty one.
            writer.commit();
        }
        searchers = new SearcherManager(indexDirectory, null);
        recipe = IndexRecipe.fromMap(commitData(writer));
    }

    private static Map<String, String> commitData(IndexWriter writer) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        return data;
    }

    // Unavailable, not a server error: nothing was changed, and a restart (or another replica) serves the request.
    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException(describe(), "it is closed (Lectern is stopping)", null);
        }
        if (searchers == null) {
            throw new StoreUnavailableException(
                    describe(), "it could not be reopened after a rebuild; restart Lectern to recover it", null);
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (writer == null) {
            throw new StoreUnavailableException(
                    describe(), "it could not be reopened after a failed write; restart Lectern to recover it", null);
        }
    }

    private String describe() {
        return "the embedded index in " + directory;
    }

    @FunctionalInterface
    private interface SearcherAction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    @FunctionalInterface
    private interface WriterAction {
        void apply() throws IOException;
    }
}
