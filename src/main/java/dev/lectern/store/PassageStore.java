package dev.lectern.store;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The port to where passages and their vectors live: the embedded Lucene index by default, Qdrant when a
 * corpus outgrows one machine. Every adapter keeps the same guarantees:
 *
 * <ul>
 *   <li>writes are atomic per lecture: a search sees a lecture's old passages or its new ones, never a mix,
 *       never duplicates, and a failed write leaves the previous version intact;
 *   <li>the store records the {@link IndexRecipe} its vectors were made with, and never mixes recipes.
 * </ul>
 *
 * Implementations are thread-safe; reads may run concurrently with one write. An adapter that talks to a server
 * throws {@link StoreUnavailableException} when the server cannot be reached; such a call changes nothing that
 * searches can see.
 */
public interface PassageStore extends AutoCloseable {

    /** The recipe the stored vectors were made with; empty for a store that has never been written. */
    Optional<IndexRecipe> recipe();

    /**
     * Stores a lecture and its passages, replacing any earlier version of the same lecture id atomically.
     *
     * @param recipe the recipe the vectors were made with; must equal {@link #recipe()} unless the store is
     *     empty
     * @throws IllegalStateException when {@code recipe} differs from the store's
     */
    void replaceLecture(IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages);

    /**
     * Replaces the whole content of the store, and its recipe, in one step: readers see the old content until
     * the new one is complete. Used to re-embed every lecture when the embedding recipe changes.
     *
     * @param lectures each lecture with its newly embedded passages; consumed once
     */
    void rebuild(IndexRecipe recipe, Iterator<Rebuilt> lectures);

    /** One lecture's new content for {@link #rebuild}. */
    record Rebuilt(LectureSource lecture, List<EmbeddedPassage> passages) {}

    /** Removes a lecture and its passages; returns false when there was no such lecture. */
    boolean deleteLecture(String lectureId);

    /** All lectures, ordered by id. */
    List<Lecture> lectures();

    /** One lecture, if stored. */
    Optional<Lecture> lecture(String lectureId);

    /** A lecture with the transcript segments it was built from, if stored. */
    Optional<LectureSource> transcript(String lectureId);

    /**
     * A lecture's chapters, as stored with it by {@link #replaceLecture} or {@link #replaceOutline}; empty when the
     * lecture is not stored or was stored without chapters.
     */
    Optional<Outline> outline(String lectureId);

    /**
     * Replaces a lecture's chapters, leaving its passages and transcript as they are; a reader sees the old
     * chapters or the new ones.
     *
     * @return false when there is no such lecture
     */
    boolean replaceOutline(String lectureId, Outline outline);

    /**
     * A lecture's stored passages with their vectors, ordered by ordinal; empty when the lecture is not stored.
     * Lets a lecture move to another store without embedding it again.
     */
    List<EmbeddedPassage> passages(String lectureId);

    /** The passages nearest to the query vector, best first. */
    List<PassageHit> search(PassageQuery query);

    /** Releases files, connections and threads. */
    @Override
    void close();
}
