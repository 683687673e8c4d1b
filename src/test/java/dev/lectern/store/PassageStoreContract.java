package dev.lectern.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.chapter.Chapter;
import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.transcript.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PassageStore} adapter promises. An adapter's test extends this class and says how
 * to open an empty store; the tests here must pass unchanged for each adapter.
 *
 * <p>Vectors are synthetic: passage {@code i} points mostly along axis {@code i}, with a little seeded noise,
 * so the nearest passage to an axis is known in advance.
 */
public abstract class PassageStoreContract {

    /** Fixed so failures can be replayed; printed once per test class. */
    protected static final long SEED = 0x1EC7E2L;

    protected static final IndexRecipe RECIPE =
            new IndexRecipe("test-model", 8, 256, "mean", "query: ", "passage: ", 200, 40, 0, 0);
    protected static final IndexRecipe OTHER_RECIPE =
            new IndexRecipe("other-model", 4, 512, "cls", "", "", 300, 50, 0, 0);

    protected PassageStore store;

    /** An empty store, private to the calling test. */
    protected abstract PassageStore openStore();

    /**
     * A second store on the same index or collection as {@link #store}, as a second replica or process would open
     * it; may throw when the adapter allows only one (the contract then requires the refusal to say why).
     */
    protected abstract PassageStore openSecondStoreOnSameData();

    /**
     * The store on the same index or collection after {@link #store} was closed, as Lectern opens it again after a
     * restart.
     */
    protected PassageStore reopenStore() {
        return openSecondStoreOnSameData();
    }

    @BeforeAll
    static void printSeed() {
        System.out.println("PassageStoreContract vector seed: " + SEED);
    }

    @BeforeEach
    void openEmptyStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void storesAndFindsNearestPassage() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        Ingest beta = ingest("beta", "v1", 3, 3, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());

        List<PassageHit> best = store.search(vectorQuery(axis(4, RECIPE.dimension()), 1, null));
        assertEquals(1, best.size());
        assertEquals("beta", best.get(0).lectureId());
        assertEquals(beta.passages().get(1).passage(), best.get(0).passage());
        assertTrue(
                best.get(0).score() > 0.9 && best.get(0).score() <= 1.0,
                "cosine score, was " + best.get(0).score());

        List<PassageHit> three = store.search(vectorQuery(axis(4, RECIPE.dimension()), 3, null));
        assertEquals(3, three.size());
        for (int i = 1; i < three.size(); i++) {
            assertTrue(three.get(i - 1).score() >= three.get(i).score(), "hits must come best first: " + three);
        }
    }

    @Test
    void persistsAcrossReopen() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        List<PassageHit> before = store.search(vectorQuery(axis(1, RECIPE.dimension()), 3, null));
        store.close();

        store = reopenStore();

        assertEquals(Optional.of(RECIPE), store.recipe());
        assertEquals(Optional.of(alpha.source()), store.transcript("alpha"));
        List<PassageHit> after = store.search(vectorQuery(axis(1, RECIPE.dimension()), 3, null));
        assertEquals(
                before.stream()
                        .map(hit -> hit.lectureId() + "#" + hit.passage())
                        .toList(),
                after.stream().map(hit -> hit.lectureId() + "#" + hit.passage()).toList());
    }

    @Test
    void searchOfEmptyStoreFindsNothing() {
        assertEquals(List.of(), store.search(vectorQuery(axis(0, RECIPE.dimension()), 5, null)));
        assertEquals(List.of(), store.lectures());
        assertEquals(Optional.empty(), store.lecture("alpha"));
    }

    @Test
    void filtersByLecture() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        Ingest beta = ingest("beta", "v1", 3, 3, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());

        // The query points at beta, but only alpha may answer.
        List<PassageHit> hits = store.search(vectorQuery(axis(4, RECIPE.dimension()), 10, "alpha"));
        assertEquals(3, hits.size());
        assertTrue(hits.stream().allMatch(hit -> hit.lectureId().equals("alpha")), hits.toString());
    }

    @Test
    void replacesLectureWithoutLeavingOldPassages() {
        Ingest first = ingest("alpha", "v1", 4, 0, RECIPE.dimension());
        Ingest second = ingest("alpha", "v2", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, first.source(), first.passages());
        // Read the first version (lecture and passages), as searches do, so that nothing read may linger.
        assertTrue(store.search(vectorQuery(axis(3, RECIPE.dimension()), 10, null)).stream()
                .allMatch(hit -> hit.passage().text().startsWith("v1 ")));
        assertEquals(4, store.lecture("alpha").orElseThrow().passages());
        store.replaceLecture(RECIPE, second.source(), second.passages());

        List<PassageHit> hits = store.search(vectorQuery(axis(3, RECIPE.dimension()), 10, null));
        assertEquals(2, hits.size(), hits.toString());
        assertTrue(hits.stream().allMatch(hit -> hit.passage().text().startsWith("v2 ")), hits.toString());
        assertEquals(2, store.lecture("alpha").orElseThrow().passages());
        assertEquals(1, store.lectures().size());
        assertEquals(second.source(), store.transcript("alpha").orElseThrow());
    }

    @Test
    void deleteRemovesLectureAndPassages() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        Ingest beta = ingest("beta", "v1", 3, 3, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());

        assertTrue(store.deleteLecture("alpha"));

        assertEquals(Optional.empty(), store.lecture("alpha"));
        assertEquals(Optional.empty(), store.transcript("alpha"));
        assertEquals(List.of(beta.source().lecture()), store.lectures());
        List<PassageHit> hits = store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, null));
        assertEquals(3, hits.size());
        assertTrue(hits.stream().allMatch(hit -> hit.lectureId().equals("beta")), hits.toString());
        assertEquals(List.of(), store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, "alpha")));
    }

    @Test
    void deleteOfUnknownLectureReturnsFalse() {
        assertFalse(store.deleteLecture("nowhere"));
        Ingest alpha = ingest("alpha", "v1", 1, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        assertFalse(store.deleteLecture("nowhere"));
        assertTrue(store.lecture("alpha").isPresent());
    }

    @Test
    void recordsRecipeOfFirstWrite() {
        assertEquals(Optional.empty(), store.recipe());
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        assertEquals(Optional.of(RECIPE), store.recipe());
    }

    @Test
    void refusesWriteWithDifferentRecipe() {
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());

        Ingest beta = ingest("beta", "v1", 2, 0, OTHER_RECIPE.dimension());
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> store.replaceLecture(OTHER_RECIPE, beta.source(), beta.passages()));
        assertTrue(refused.getMessage().contains(RECIPE.describe()), refused.getMessage());
        assertTrue(refused.getMessage().contains(OTHER_RECIPE.describe()), refused.getMessage());

        assertEquals(Optional.of(RECIPE), store.recipe());
        assertEquals(List.of(alpha.source().lecture()), store.lectures());
        assertEquals(
                2,
                store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, null)).size());
    }

    @Test
    void rebuildReplacesEverythingWithNewRecipe() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        Ingest beta = ingest("beta", "v1", 3, 3, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());

        // A different model with a different dimension: nothing of the old index may survive.
        Ingest gamma = ingest("gamma", "v1", 2, 0, OTHER_RECIPE.dimension());
        Ingest alphaAgain = ingest("alpha", "v2", 1, 2, OTHER_RECIPE.dimension());
        store.rebuild(
                OTHER_RECIPE,
                List.of(
                                new PassageStore.Rebuilt(alphaAgain.source(), alphaAgain.passages()),
                                new PassageStore.Rebuilt(gamma.source(), gamma.passages()))
                        .iterator());

        assertEquals(Optional.of(OTHER_RECIPE), store.recipe());
        assertEquals(List.of(alphaAgain.source().lecture(), gamma.source().lecture()), store.lectures());
        assertEquals(Optional.empty(), store.lecture("beta"));
        List<PassageHit> hits = store.search(vectorQuery(axis(1, OTHER_RECIPE.dimension()), 10, null));
        assertEquals(3, hits.size(), hits.toString());
        assertEquals("gamma", hits.get(0).lectureId());
        assertEquals(gamma.passages().get(1).passage(), hits.get(0).passage());

        // The new recipe now guards writes.
        Ingest delta = ingest("delta", "v1", 1, 0, OTHER_RECIPE.dimension());
        store.replaceLecture(OTHER_RECIPE, delta.source(), delta.passages());
        Ingest old = ingest("old", "v1", 1, 0, RECIPE.dimension());
        assertThrows(IllegalStateException.class, () -> store.replaceLecture(RECIPE, old.source(), old.passages()));
    }

    @Test
    void keepsSegmentsOfSource() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        Lecture withoutUrl = new Lecture("beta", "No link", null, 1, 4.0, Instant.ofEpochMilli(1_700_000_123_456L));
        LectureSource beta =
                new LectureSource(withoutUrl, List.of(new Segment(0, 4000, "Only \"quoted\", unicode: é ∑")));
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(
                RECIPE,
                beta,
                List.of(new EmbeddedPassage(new Passage(0, beta.segments()), axis(1, RECIPE.dimension()))));

        assertEquals(Optional.of(alpha.source()), store.transcript("alpha"));
        assertEquals(Optional.of(alpha.source().lecture()), store.lecture("alpha"));
        assertEquals(Optional.of(beta), store.transcript("beta"));
    }

    @Test
    void keepsChaptersWithTheLecture() {
        Ingest alpha = ingest("alpha", "v1", 4, 0, RECIPE.dimension());
        Outline computed = outline(Outline.Source.COMPUTED, "Eigenvalues", "Eigenvectors");
        LectureSource withChapters =
                new LectureSource(alpha.source().lecture(), alpha.source().segments(), computed);
        store.replaceLecture(RECIPE, withChapters, alpha.passages());

        assertEquals(Optional.of(computed), store.outline("alpha"));
        assertEquals(computed, store.transcript("alpha").orElseThrow().outline());
        assertEquals(Optional.empty(), store.outline("nowhere"));

        // A lecture written without chapters has none, and reads as such.
        Ingest beta = ingest("beta", "v1", 1, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());
        assertEquals(Optional.empty(), store.outline("beta"));
    }

    @Test
    void replacesChaptersAloneLeavingPassagesAsTheyAre() {
        Ingest alpha = ingest("alpha", "v1", 4, 0, RECIPE.dimension());
        store.replaceLecture(
                RECIPE,
                new LectureSource(
                        alpha.source().lecture(),
                        alpha.source().segments(),
                        outline(Outline.Source.COMPUTED, "Eigenvalues", "Eigenvectors")),
                alpha.passages());
        Outline provided = outline(Outline.Source.PROVIDED, "Spectra", "Diagonal matrices");

        assertTrue(store.replaceOutline("alpha", provided));

        assertEquals(Optional.of(provided), store.outline("alpha"));
        assertEquals(alpha.source().lecture(), store.lecture("alpha").orElseThrow());
        assertEquals(
                alpha.source().segments(),
                store.transcript("alpha").orElseThrow().segments());
        assertEquals(alpha.passages().size(), store.passages("alpha").size());
        List<PassageHit> hits = store.search(vectorQuery(axis(2, RECIPE.dimension()), 1, null));
        assertEquals(alpha.passages().get(2).passage(), hits.get(0).passage());
        assertFalse(store.replaceOutline("nowhere", provided));
        assertEquals(Optional.empty(), store.lecture("nowhere"));

        // A new version of the lecture brings its own chapters.
        Ingest second = ingest("alpha", "v2", 2, 0, RECIPE.dimension());
        Outline recomputed = outline(Outline.Source.COMPUTED, "Traces");
        store.replaceLecture(
                RECIPE,
                new LectureSource(second.source().lecture(), second.source().segments(), recomputed),
                second.passages());
        assertEquals(Optional.of(recomputed), store.outline("alpha"));
    }

    /** Chapters of 10 s each, with keywords, as a computing or providing side would make them. */
    protected static Outline outline(Outline.Source source, String... titles) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < titles.length; i++) {
            chapters.add(new Chapter(
                    i, titles[i], i * 10_000L, (i + 1) * 10_000L, List.of(titles[i].toLowerCase(), "matrix", "é ∑")));
        }
        return new Outline(source, chapters, source == Outline.Source.COMPUTED ? "tiling-v1;test" : null);
    }

    @Test
    void returnsStoredPassagesWithTheirVectors() {
        Ingest first = ingest("alpha", "v1", 4, 0, RECIPE.dimension());
        Ingest second = ingest("alpha", "v2", 3, 2, RECIPE.dimension());
        store.replaceLecture(RECIPE, first.source(), first.passages());
        store.replaceLecture(RECIPE, second.source(), second.passages());

        List<EmbeddedPassage> stored = store.passages("alpha");
        assertEquals(second.passages().size(), stored.size(), "only the current version");
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(second.passages().get(i).passage(), stored.get(i).passage());
            float[] expected = second.passages().get(i).vector();
            float[] actual = stored.get(i).vector();
            assertEquals(expected.length, actual.length);
            for (int d = 0; d < expected.length; d++) {
                assertEquals(expected[d], actual[d], 1e-6, "passage " + i + ", dimension " + d);
            }
        }
        assertEquals(List.of(), store.passages("nowhere"));
    }

    @Test
    void listsLecturesOrderedById() {
        for (String id : List.of("charlie", "alpha", "bravo")) {
            Ingest lecture = ingest(id, "v1", 1, 0, RECIPE.dimension());
            store.replaceLecture(RECIPE, lecture.source(), lecture.passages());
        }
        assertEquals(
                List.of("alpha", "bravo", "charlie"),
                store.lectures().stream().map(Lecture::id).toList());
    }

    @Test
    void searchNeverReturnsDuplicates() {
        Ingest alpha = ingest("alpha", "v1", 4, 0, RECIPE.dimension());
        Ingest beta = ingest("beta", "v1", 3, 4, RECIPE.dimension());
        // Re-ingesting the same content must not pile up copies.
        for (int i = 0; i < 3; i++) {
            store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
            store.replaceLecture(RECIPE, beta.source(), beta.passages());
        }

        List<PassageHit> hits = store.search(vectorQuery(axis(0, RECIPE.dimension()), 100, null));
        Set<String> keys = hits.stream()
                .map(hit -> hit.lectureId() + "#" + hit.passage().ordinal())
                .collect(Collectors.toSet());
        assertEquals(7, hits.size(), hits.toString());
        assertEquals(7, keys.size(), hits.toString());
    }

    @Test
    void concurrentSearchesNeverSeeAMixOfVersions() throws Exception {
        int dimension = RECIPE.dimension();
        // Versions differ in size too, so a search that saw a half-written version would also miscount.
        Ingest versionA = ingest("lecture", "A", 3, 0, dimension);
        Ingest versionB = ingest("lecture", "B", 2, 1, dimension);
        Ingest bystander = ingest("bystander", "Z", 3, 2, dimension);
        store.replaceLecture(RECIPE, bystander.source(), bystander.passages());
        store.replaceLecture(RECIPE, versionA.source(), versionA.passages());

        int writes = 40;
        int readers = 3;
        int maxSearchesPerReader = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writerDone = new AtomicBoolean();
        // A search overlapped a write when some write began before the search ended and had not ended before the
        // search began (writes run one after another).
        AtomicInteger writesBegun = new AtomicInteger();
        AtomicInteger writesEnded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            Future<?> writer = pool.submit(() -> {
                start.await();
                try {
                    for (int i = 0; i < writes; i++) {
                        Ingest version = i % 2 == 0 ? versionB : versionA;
                        writesBegun.incrementAndGet();
                        store.replaceLecture(RECIPE, version.source(), version.passages());
                        writesEnded.incrementAndGet();
                    }
                } finally {
                    writerDone.set(true);
                }
                return null;
            });
            List<Future<Integer>> searches = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                boolean filtered = r % 2 == 0;
                float[] vector = axis(r, dimension);
                searches.add(pool.submit(() -> {
                    start.await();
                    int done = 0;
                    int overlapped = 0;
                    do {
                        int endedBefore = writesEnded.get();
                        List<PassageHit> hits = store.search(vectorQuery(vector, 10, filtered ? "lecture" : null));
                        List<PassageHit> ofLecture = hits.stream()
                                .filter(hit -> hit.lectureId().equals("lecture"))
                                .toList();
                        Set<String> versions = new HashSet<>();
                        for (PassageHit hit : ofLecture) {
                            versions.add(hit.passage().text().substring(0, 1));
                        }
                        assertEquals(1, versions.size(), "a search saw a mix of versions: " + ofLecture);
                        int expected = versions.contains("A") ? 3 : 2;
                        assertEquals(expected, ofLecture.size(), "a search saw part of a version: " + ofLecture);
                        if (writesBegun.get() > endedBefore) {
                            overlapped++;
                        }
                        done++;
                    } while (!writerDone.get() && done < maxSearchesPerReader);
                    return overlapped;
                }));
            }
            start.countDown();
            writer.get(60, TimeUnit.SECONDS);
            int overlapped = 0;
            for (Future<Integer> search : searches) {
                overlapped += search.get(60, TimeUnit.SECONDS);
            }
            // Without searches that ran while a version was being replaced, the assertions above proved nothing.
            assertTrue(overlapped > 0, "no search ran while a write was under way");
        } finally {
            pool.shutdownNow();
        }
        Ingest last = (writes - 1) % 2 == 0 ? versionB : versionA;
        assertEquals(last.source(), store.transcript("lecture").orElseThrow());
    }

    @Test
    void twoStoresOnOneIndexWriteWithoutLosingOrMixingLectures() throws Exception {
        int dimension = RECIPE.dimension();
        PassageStore second;
        try {
            // Opened before anything is written: two replicas starting together on an empty store.
            second = openSecondStoreOnSameData();
        } catch (IllegalStateException refused) {
            assertTrue(
                    refused.getMessage() != null && refused.getMessage().contains("in use"),
                    "a second store is either safe or refused with a reason, was: " + refused.getMessage());
            return;
        }
        Ingest versionA = ingest("shared", "A", 3, 0, dimension);
        Ingest versionB = ingest("shared", "B", 2, 1, dimension);
        Ingest own1 = ingest("first-own", "F", 2, 2, dimension);
        Ingest own2 = ingest("second-own", "S", 2, 3, dimension);
        int rounds = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            PassageStore[] stores = {store, second};
            Ingest[] owns = {own1, own2};
            for (int w = 0; w < 2; w++) {
                PassageStore writer = stores[w];
                Ingest own = owns[w];
                int offset = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    // The first write of each creates the store's index or collection if it finds none.
                    writer.replaceLecture(RECIPE, own.source(), own.passages());
                    for (int i = 0; i < rounds; i++) {
                        Ingest version = (i + offset) % 2 == 0 ? versionA : versionB;
                        writer.replaceLecture(RECIPE, version.source(), version.passages());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            for (PassageStore reader : stores) {
                // No acknowledged lecture is lost, whichever store wrote it.
                assertEquals(
                        List.of("first-own", "second-own", "shared"),
                        reader.lectures().stream().map(Lecture::id).toList());
                LectureSource shared = reader.transcript("shared").orElseThrow();
                Ingest last = shared.equals(versionA.source()) ? versionA : versionB;
                assertEquals(last.source(), shared, "the lecture is one of the versions written, whole");
                // Its passages are exactly that version's, none of the other.
                List<PassageHit> hits = reader.search(vectorQuery(axis(0, dimension), 10, "shared"));
                assertEquals(last.passages().size(), hits.size(), hits.toString());
                String version = last == versionA ? "A" : "B";
                assertTrue(hits.stream().allMatch(hit -> hit.passage().text().startsWith(version)), hits.toString());
                assertEquals(
                        last.passages().size(),
                        reader.lecture("shared").orElseThrow().passages());
            }
        } finally {
            pool.shutdownNow();
            second.close();
        }
    }

    @Test
    void searchDuringRebuildSeesTheOldContentWhole() throws Exception {
        int dimension = RECIPE.dimension();
        Ingest alpha = ingest("alpha", "v1", 3, 0, dimension);
        Ingest beta = ingest("beta", "v1", 3, 3, dimension);
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.replaceLecture(RECIPE, beta.source(), beta.passages());
        IndexRecipe next =
                new IndexRecipe("test-model-2", dimension, 256, "mean", "query: ", "passage: ", 200, 40, 0, 0);
        Ingest alphaAgain = ingest("alpha", "v2", 2, 0, dimension);
        Ingest betaAgain = ingest("beta", "v2", 2, 3, dimension);
        List<PassageStore.Rebuilt> rebuilt = List.of(
                new PassageStore.Rebuilt(alphaAgain.source(), alphaAgain.passages()),
                new PassageStore.Rebuilt(betaAgain.source(), betaAgain.passages()));

        ExecutorService reader = Executors.newSingleThreadExecutor();
        List<List<PassageHit>> seenDuring = new ArrayList<>();
        try {
            Iterator<PassageStore.Rebuilt> lectures = new Iterator<>() {
                private int handedOut;

                @Override
                public boolean hasNext() {
                    return handedOut < rebuilt.size();
                }

                @Override
                public PassageStore.Rebuilt next() {
                    if (handedOut == 1) {
                        // Half of the new content is written: a search elsewhere still sees the old, whole.
                        try {
                            seenDuring.add(reader.submit(() -> store.search(vectorQuery(axis(0, dimension), 10, null)))
                                    .get(60, TimeUnit.SECONDS));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return rebuilt.get(handedOut++);
                }
            };
            store.rebuild(next, lectures);
        } finally {
            reader.shutdownNow();
        }
        assertEquals(1, seenDuring.size());
        List<PassageHit> during = seenDuring.get(0);
        assertEquals(6, during.size(), "every passage of the old content: " + during);
        assertTrue(during.stream().allMatch(hit -> hit.passage().text().startsWith("v1 ")), during.toString());

        List<PassageHit> after = store.search(vectorQuery(axis(0, dimension), 10, null));
        assertEquals(4, after.size(), after.toString());
        assertTrue(after.stream().allMatch(hit -> hit.passage().text().startsWith("v2 ")), after.toString());
        assertEquals(Optional.of(next), store.recipe());
    }

    @Test
    void keywordSearchFindsPassagesByStemmedWords() {
        Ingest lecture = textLecture(
                "words",
                "we trained the network on images",
                "the cat sat on a mat",
                "gradient checkpointing saves memory");
        store.replaceLecture(RECIPE, lecture.source(), lecture.passages());
        List<PassageHit> hits = store.search(new PassageQuery(axis(7, 8), "training", SearchMode.KEYWORD, 5, null));
        assertEquals(1, hits.size());
        assertEquals(0, hits.get(0).passage().ordinal());
        assertEquals(1, hits.get(0).keywordRank());
        assertEquals(0, hits.get(0).vectorRank());
    }

    @Test
    void keywordSearchNeedsNoQuestionVector() {
        Ingest lecture = textLecture(
                "words-only", "training large models", "the cat sat on a mat", "gradient checkpointing saves memory");
        store.replaceLecture(RECIPE, lecture.source(), lecture.passages());
        List<PassageHit> hits = store.search(new PassageQuery(null, "training", SearchMode.KEYWORD, 5, null));
        assertEquals(1, hits.size());
        assertEquals(0, hits.get(0).passage().ordinal());
        assertTrue(Double.isNaN(hits.get(0).vectorSimilarity()), "no question vector, no similarity");
        assertThrows(
                IllegalArgumentException.class,
                () -> new PassageQuery(null, "training", SearchMode.HYBRID, 5, null),
                "only keyword search may go without a vector");
    }

    @Test
    void keywordSearchForgivesMisrecognisedNames() {
        Ingest lecture = textLecture(
                "sounds",
                "the paper called Xero from the DeepSpeed group",
                "a long walk along the river",
                "zebras live on the savanna");
        store.replaceLecture(RECIPE, lecture.source(), lecture.passages());
        List<PassageHit> hits =
                store.search(new PassageQuery(axis(7, 8), "What is ZeRO?", SearchMode.KEYWORD, 5, null));
        assertEquals(0, hits.get(0).passage().ordinal(), "ZeRO should match the sound-alike Xero");
    }

    @Test
    void hybridSearchPrefersPassagesBothLegsAgreeOn() {
        Ingest lecture = textLecture(
                "both", "alpha particles", "beta decay of nuclei", "gamma rays and decay", "delta functions");
        store.replaceLecture(RECIPE, lecture.source(), lecture.passages());
        // The vector points at passage 1; the words "decay" match passages 1 and 2.
        List<PassageHit> hits = store.search(new PassageQuery(axis(1, 8), "decay", SearchMode.HYBRID, 4, null));
        assertEquals(1, hits.get(0).passage().ordinal());
        assertEquals(1, hits.get(0).vectorRank());
        assertTrue(hits.get(0).keywordRank() > 0);
        assertTrue(hits.get(0).vectorSimilarity() > 0.9, "similarity is the cosine of question and passage");
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "best first");
        }
    }

    // ---- fixtures ----

    /** A search by vector only. */
    protected static PassageQuery vectorQuery(float[] vector, int limit, String lectureId) {
        return new PassageQuery(vector, "unused", SearchMode.VECTOR, limit, lectureId);
    }

    /** A lecture with one passage per text; passage {@code i} points near axis {@code i}. */
    protected static Ingest textLecture(String id, String... texts) {
        List<Segment> all = new ArrayList<>();
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Segment segment = new Segment(i * 10_000L, i * 10_000L + 9_000L, texts[i]);
            all.add(segment);
            passages.add(new EmbeddedPassage(new Passage(i, List.of(segment)), axis(i, RECIPE.dimension())));
        }
        Lecture lecture = new Lecture(
                id, "Lecture " + id, null, texts.length, texts.length * 10.0, Instant.ofEpochMilli(1_700_000_000_000L));
        return new Ingest(new LectureSource(lecture, all), passages);
    }

    /** A lecture and its embedded passages, as an ingest would hand them to the store. */
    protected record Ingest(LectureSource source, List<EmbeddedPassage> passages) {}

    /**
     * A lecture of {@code passageCount} passages of two segments each; every segment text starts with
     * {@code version}, and passage {@code i} points near axis {@code (firstAxis + i) % dimension}.
     */
    protected static Ingest ingest(String id, String version, int passageCount, int firstAxis, int dimension) {
        List<Segment> all = new ArrayList<>();
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (int i = 0; i < passageCount; i++) {
            List<Segment> segments = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                long start = (i * 2L + j) * 5_000L;
                segments.add(new Segment(
                        start, start + 4_000L, version + " " + id + " part " + i + "." + j + " on eigenvalues"));
            }
            all.addAll(segments);
            passages.add(new EmbeddedPassage(new Passage(i, segments), axis((firstAxis + i) % dimension, dimension)));
        }
        long end = all.get(all.size() - 1).endMillis();
        Lecture lecture = new Lecture(
                id,
                "Lecture " + id,
                "https://example.org/" + id,
                passageCount,
                end / 1000.0,
                Instant.ofEpochMilli(1_700_000_000_000L));
        return new Ingest(new LectureSource(lecture, all), passages);
    }

    /** A unit vector close to axis {@code axis}, the same for the same arguments. */
    protected static float[] axis(int axis, int dimension) {
        Random random = new Random(SEED * 31 + axis * 1_000L + dimension);
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (i == axis ? 1f : 0f) + 0.05f * (float) random.nextGaussian();
        }
        return normalise(vector);
    }

    protected static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        float norm = (float) Math.sqrt(sum);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] / norm;
        }
        return unit;
    }
}
