package dev.lectern.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.lucene.LuceneStore;
import dev.lectern.transcript.Segment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code migrate} does, between two embedded stores (the Qdrant side runs in QdrantStoreIT). */
class StoreCopyTest {

    private static final IndexRecipe RECIPE = new IndexRecipe("m", 2, 256, "mean", "", "", 88, 36, 0, 0);
    private static final IndexRecipe OTHER = new IndexRecipe("n", 2, 256, "mean", "", "", 88, 36, 0, 0);

    @TempDir
    Path temp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MigrateCommand.StoreCopy copy =
            new MigrateCommand.StoreCopy(new PrintStream(log, true, StandardCharsets.UTF_8));

    @Test
    void copiesLecturesWithTheirVectors() {
        try (LuceneStore source = LuceneStore.open(temp.resolve("a"));
                LuceneStore target = LuceneStore.open(temp.resolve("b"))) {
            source.replaceLecture(RECIPE, lecture("one"), passages());
            source.replaceLecture(RECIPE, lecture("two"), passages());

            assertEquals(0, copy.copy(source, target));

            assertEquals(Optional.of(RECIPE), target.recipe());
            assertEquals(source.lectures(), target.lectures());
            assertEquals(source.transcript("one"), target.transcript("one"));
            List<EmbeddedPassage> copied = target.passages("two");
            assertEquals(2, copied.size());
            assertArrayEquals(new float[] {0.6f, 0.8f}, copied.get(1).vector(), "the vector itself, not re-embedded");
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("Copied 2 lectures, 4 passages"), log.toString());
        }
    }

    @Test
    void refusesATargetOfAnotherRecipe() {
        try (LuceneStore source = LuceneStore.open(temp.resolve("a"));
                LuceneStore target = LuceneStore.open(temp.resolve("b"))) {
            source.replaceLecture(RECIPE, lecture("one"), passages());
            target.replaceLecture(OTHER, lecture("other"), passages());

            assertEquals(1, copy.copy(source, target));
            assertEquals(
                    List.of("other"),
                    target.lectures().stream().map(Lecture::id).toList());
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("cannot be mixed"), log.toString());
        }
    }

    @Test
    void emptySourceCopiesNothing() {
        try (LuceneStore source = LuceneStore.open(temp.resolve("a"));
                LuceneStore target = LuceneStore.open(temp.resolve("b"))) {
            assertEquals(0, copy.copy(source, target));
            assertEquals(Optional.empty(), target.recipe());
        }
    }

    private static LectureSource lecture(String id) {
        return new LectureSource(
                new Lecture(id, "Lecture " + id, null, 2, 2.0, Instant.ofEpochMilli(1_700_000_000_000L)), segments());
    }

    private static List<Segment> segments() {
        return List.of(new Segment(0, 900, "first part"), new Segment(1_000, 1_900, "second part"));
    }

    private static List<EmbeddedPassage> passages() {
        List<Segment> segments = segments();
        return List.of(
                new EmbeddedPassage(new Passage(0, List.of(segments.get(0))), new float[] {1f, 0f}),
                new EmbeddedPassage(new Passage(1, List.of(segments.get(1))), new float[] {0.6f, 0.8f}));
    }
}
