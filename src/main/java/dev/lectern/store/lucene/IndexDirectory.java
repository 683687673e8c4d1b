package dev.lectern.store.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.IOUtils;
import org.jboss.logging.Logger;

/**
 * The embedded store's data directory on disk: the lock that keeps a second Lectern process out, the index in
 * {@code index}, a rebuild written beside it in {@code index.rebuild} and swapped in by two renames through
 * {@code index.old}, and the repair of a swap that was cut off. Knows nothing of what the index holds.
 */
final class IndexDirectory implements Closeable {

    private static final Logger LOG = Logger.getLogger(IndexDirectory.class);

    private static final String INDEX = "index";
    private static final String REBUILD = "index.rebuild";
    private static final String OLD = "index.old";
    private static final String PROCESS_LOCK = "lectern.lock";

    private final Path directory;
    private final Path indexPath;
    private final Path rebuildPath;
    private final Path oldPath;

    /** Held for the store's lifetime, so that two processes never recover, rebuild or write the same data. */
    private final Directory rootDirectory;

    private final Lock processLock;

    private IndexDirectory(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        this.indexPath = this.directory.resolve(INDEX);
        this.rebuildPath = this.directory.resolve(REBUILD);
        this.oldPath = this.directory.resolve(OLD);
        Files.createDirectories(this.directory);
        this.rootDirectory = FSDirectory.open(this.directory);
        try {
            this.processLock = NativeFSLockFactory.INSTANCE.obtainLock(rootDirectory, PROCESS_LOCK);
        } catch (LockObtainFailedException e) {
            IOUtils.closeWhileHandlingException(rootDirectory);
            throw inUse(e);
        }
    }

    /**
     * Takes {@code directory} for this process, creating it when missing.
     *
     * @throws IllegalStateException when another process holds it
     */
    static IndexDirectory lock(Path directory) throws IOException {
        return new IndexDirectory(directory);
    }

    /** The data directory, absolute: for messages. */
    Path path() {
        return directory;
    }

    /** Where the index lives. */
    Path index() {
        return indexPath;
    }

    /** Where a rebuild writes the index that {@link #swap()} puts in place. */
    Path rebuild() {
        return rebuildPath;
    }

    /** Repairs what an interrupted rebuild swap left behind; run before opening {@link #index()}. */
    void recover() throws IOException {
        if (!Files.exists(indexPath) && Files.exists(oldPath)) {
            // Cut off between the two renames of a swap: the old index is complete, the new one may not be.
            LOG.warnf("Restoring %s from %s after an interrupted rebuild", indexPath, oldPath);
            move(oldPath, indexPath);
        }
        deleteLeftover(rebuildPath);
        deleteLeftover(oldPath);
    }

    /**
     * Puts the rebuilt index in place of the current one; both must be closed. A crash between the two renames
     * is repaired by {@link #recover()}.
     */
    void swap() throws IOException {
        move(indexPath, oldPath);
        move(rebuildPath, indexPath);
    }

    IndexWriter openWriter(Directory index) throws IOException {
        try {
            return new IndexWriter(index, writerConfig());
        } catch (LockObtainFailedException e) {
            throw inUse(e);
        }
    }

    static IndexWriterConfig writerConfig() {
        // Only the passage text is a TextField; every other field is a StringField or not indexed at all.
        return new IndexWriterConfig(LuceneDocuments.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Closing must never commit half a write; every complete write commits explicitly.
                .setCommitOnClose(false);
    }

    private IllegalStateException inUse(LockObtainFailedException cause) {
        return new IllegalStateException(
                "the data directory " + directory + " is in use by another Lectern process; stop it or choose another"
                        + " directory",
                cause);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteLeftover(Path path) {
        try {
            IOUtils.rm(path);
        } catch (IOException e) {
            // Harmless to keep: the next open or rebuild tries again.
            LOG.warnf("Could not delete %s: %s", path, e.getMessage());
        }
    }

    /** Releases the process lock. */
    @Override
    public void close() throws IOException {
        IOUtils.close(processLock, rootDirectory);
    }
}
