package dev.lectern.store.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.chapter.Outline;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageStore;
import dev.lectern.store.PassageStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneStoreTest extends PassageStoreContract {

    @TempDir
    Path temp;

    private Path dataDirectory() {
        return temp.resolve("data");
    }

    @Override
    protected PassageStore openStore() {
        return LuceneStore.open(dataDirectory());
    }

    @Override
    protected PassageStore openSecondStoreOnSameData() {
        // Refused by the lock file: one process per data directory.
        return LuceneStore.open(dataDirectory());
    }

    @Test
    void keepsProvidedChaptersAcrossReopen() {
        Ingest alpha = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        Outline provided = outline(Outline.Source.PROVIDED, "Spectra", "Diagonal matrices");
        assertTrue(store.replaceOutline("alpha", provided));
        store.close();

        store = openStore();

        assertEquals(Optional.of(provided), store.outline("alpha"));
        assertEquals(alpha.passages().size(), store.passages("alpha").size());
    }

    @Test
    void failedWriteLeavesPreviousVersionIntact() {
        Ingest first = ingest("alpha", "v1", 3, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, first.source(), first.passages());

        // The second passage's vector is too short: the block fails inside the writer, after the lecture
        // document and the first passage were already handed to it.
        Ingest second = ingest("alpha", "v2", 3, 0, RECIPE.dimension());
        List<EmbeddedPassage> broken = new ArrayList<>(second.passages());
        broken.set(1, new EmbeddedPassage(broken.get(1).passage(), axis(0, OTHER_RECIPE.dimension())));
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class, () -> store.replaceLecture(RECIPE, second.source(), broken));
        assertTrue(failure.getMessage().contains("expects 8 dimensions"), failure.getMessage());

        assertPreviousVersion(first);
        store.close();
        store = openStore();
        assertPreviousVersion(first);

        // Still writable afterwards.
        store.replaceLecture(RECIPE, second.source(), second.passages());
        assertEquals(Optional.of(second.source()), store.transcript("alpha"));
        assertEquals(
                3,
                store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, "alpha"))
                        .size());
    }

    private void assertPreviousVersion(Ingest first) {
        assertEquals(Optional.of(first.source()), store.transcript("alpha"));
        List<PassageHit> hits = store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, null));
        assertEquals(3, hits.size(), hits.toString());
        assertTrue(hits.stream().allMatch(hit -> hit.passage().text().startsWith("v1 ")), hits.toString());
    }

    @Test
    void failedRebuildLeavesPreviousIndexIntact() {
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());

        Ingest gamma = ingest("gamma", "v1", 2, 0, OTHER_RECIPE.dimension());
        Iterator<PassageStore.Rebuilt> failing = new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public PassageStore.Rebuilt next() {
                if (given) {
                    throw new IllegalStateException("embedding model crashed");
                }
                given = true;
                return new PassageStore.Rebuilt(gamma.source(), gamma.passages());
            }
        };
        assertThrows(IllegalStateException.class, () -> store.rebuild(OTHER_RECIPE, failing));

        assertEquals(Optional.of(RECIPE), store.recipe());
        assertEquals(List.of(alpha.source().lecture()), store.lectures());
        assertFalse(Files.exists(dataDirectory().resolve("index.rebuild")));
    }

    @Test
    void rebuildOfManyLecturesKeepsEveryPassageOfEach() {
        // Enough lectures for every indexing thread of the rebuild to write several.
        List<Ingest> lectures = new ArrayList<>();
        for (int l = 0; l < 40; l++) {
            lectures.add(ingest("lecture-%02d".formatted(l), "v1", 5, l, OTHER_RECIPE.dimension()));
        }
        store.rebuild(
                OTHER_RECIPE,
                lectures.stream()
                        .map(i -> new PassageStore.Rebuilt(i.source(), i.passages()))
                        .iterator());

        assertEquals(lectures.stream().map(i -> i.source().lecture()).toList(), store.lectures());
        for (Ingest lecture : lectures) {
            String id = lecture.source().lecture().id();
            assertEquals(lecture.passages().size(), store.passages(id).size(), id);
            assertEquals(Optional.of(lecture.source()), store.transcript(id));
        }
        List<PassageHit> hits = store.search(vectorQuery(axis(7, OTHER_RECIPE.dimension()), 200, null));
        assertEquals(200, hits.size());
    }

    @Test
    void searchesSeeOldContentWhileRebuildRuns() {
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());

        Ingest gamma = ingest("gamma", "v1", 2, 0, OTHER_RECIPE.dimension());
        List<List<PassageHit>> seenDuringRebuild = new ArrayList<>();
        Iterator<PassageStore.Rebuilt> observing = new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                // Called again after the last lecture (once by each indexing thread), while the new index is
                // written but not swapped in.
                seenDuringRebuild.add(store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, null)));
                return !given;
            }

            @Override
            public PassageStore.Rebuilt next() {
                given = true;
                return new PassageStore.Rebuilt(gamma.source(), gamma.passages());
            }
        };
        store.rebuild(OTHER_RECIPE, observing);

        assertTrue(seenDuringRebuild.size() >= 2, "searches during the rebuild: " + seenDuringRebuild.size());
        for (List<PassageHit> hits : seenDuringRebuild) {
            assertEquals(2, hits.size(), hits.toString());
            assertTrue(hits.stream().allMatch(hit -> hit.lectureId().equals("alpha")), hits.toString());
        }
        assertEquals(List.of(gamma.source().lecture()), store.lectures());
    }

    @Test
    void recoversFromInterruptedRebuildSwap() throws IOException {
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.close();

        // A crash between the two renames of a swap: the old index moved aside, the new one not yet in place.
        Path data = dataDirectory();
        Files.move(data.resolve("index"), data.resolve("index.old"));
        Files.createDirectories(data.resolve("index.rebuild"));
        Files.writeString(data.resolve("index.rebuild").resolve("_0.cfs"), "half written");

        store = openStore();

        assertEquals(Optional.of(RECIPE), store.recipe());
        assertEquals(Optional.of(alpha.source()), store.transcript("alpha"));
        assertEquals(
                2,
                store.search(vectorQuery(axis(0, RECIPE.dimension()), 10, null)).size());
        assertFalse(Files.exists(data.resolve("index.old")));
        assertFalse(Files.exists(data.resolve("index.rebuild")));
    }

    @Test
    void refusesSecondOpenOfSameDirectory() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, this::openStore);
        assertTrue(refused.getMessage().contains("is in use by another Lectern process"), refused.getMessage());

        // The first store is unaffected.
        Ingest alpha = ingest("alpha", "v1", 1, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        assertTrue(store.lecture("alpha").isPresent());
    }
}
