package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.transcript.Segment;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of writes that replaces a lecture without searches ever seeing a mix. */
class GenerationSwitchTest {

    private static final SparseTerms TERMS = new SparseTerms();

    @Test
    void writesPassagesAndTranscriptThenSwitches() {
        LectureSource lecture = lecture(5);
        GenerationSwitch plan = GenerationSwitch.plan(lecture, passages(5), "new-gen", TERMS, 40, 2, 7L);

        assertEquals(
                List.of(2, 2, 1), plan.passageBatches().stream().map(List::size).toList());
        List<PointStruct> written =
                plan.passageBatches().stream().flatMap(List::stream).toList();
        for (int i = 0; i < written.size(); i++) {
            PointStruct point = written.get(i);
            assertEquals("new-gen", QdrantPoints.string(point.getPayloadMap(), QdrantPoints.GENERATION));
            assertEquals(QdrantPoints.id(QdrantPoints.passageId("talk", "new-gen", i)), point.getId());
        }
        // The switch is one point: the lecture record naming the new generation.
        assertEquals(
                QdrantPoints.id(QdrantPoints.lectureRecordId("talk")),
                plan.activation().getId());
        assertEquals("new-gen", QdrantPoints.string(plan.activation().getPayloadMap(), QdrantPoints.GENERATION));
        assertEquals(5, QdrantPoints.integer(plan.activation().getPayloadMap(), FieldNames.PASSAGES));
        assertFalse(
                QdrantPoints.hasSegments(plan.activation().getPayloadMap()),
                "the record every search reads carries no transcript");
        // The transcript is part of the generation, written before the switch.
        assertEquals(1, plan.content().size());
        PointStruct source = plan.content().get(0);
        assertEquals(QdrantPoints.id(QdrantPoints.sourceId("talk", "new-gen")), source.getId());
        assertEquals(lecture, QdrantPoints.toSource(plan.activation().getPayloadMap(), source.getPayloadMap()));
        // What is deleted if this generation can never become active: its own points only.
        assertEquals(QdrantPoints.generation("talk", "new-gen"), plan.written());
    }

    @Test
    void newGenerationNeverOverwritesTheActiveOne() {
        Set<Object> oldIds = new HashSet<>();
        GenerationSwitch first = GenerationSwitch.plan(lecture(3), passages(3), "g1", TERMS, 40, 10, 1L);
        first.passageBatches().forEach(batch -> batch.forEach(point -> oldIds.add(point.getId())));
        GenerationSwitch second = GenerationSwitch.plan(lecture(3), passages(3), "g2", TERMS, 40, 10, 2L);
        second.passageBatches()
                .forEach(batch -> batch.forEach(point -> assertTrue(
                        !oldIds.contains(point.getId()), "same content, new generation: new ids, old ones untouched")));
        assertThrows(
                IllegalArgumentException.class,
                () -> GenerationSwitch.plan(lecture(1), passages(1), QdrantPoints.NO_GENERATION, TERMS, 40, 10, 3L));
    }

    @Test
    void repeatingAPlanWritesTheSameIds() {
        GenerationSwitch once = GenerationSwitch.plan(lecture(4), passages(4), "g", TERMS, 40, 3, 1L);
        GenerationSwitch again = GenerationSwitch.plan(lecture(4), passages(4), "g", TERMS, 40, 3, 1L);
        assertEquals(once, again, "a retried write is idempotent");
    }

    @Test
    void lectureWithoutPassagesStillSwitches() {
        GenerationSwitch plan = GenerationSwitch.plan(lecture(0), List.of(), "g2", TERMS, 40, 10, 1L);
        assertEquals(List.of(), plan.passageBatches());
        assertEquals("g2", QdrantPoints.string(plan.activation().getPayloadMap(), QdrantPoints.GENERATION));
    }

    private static LectureSource lecture(int passages) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < Math.max(1, passages); i++) {
            segments.add(new Segment(i * 1_000L, i * 1_000L + 900, "segment " + i + " about eigenvalues"));
        }
        return new LectureSource(
                new Lecture("talk", "Talk", null, passages, passages, Instant.ofEpochMilli(1)), segments);
    }

    private static List<EmbeddedPassage> passages(int count) {
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Segment segment = new Segment(i * 1_000L, i * 1_000L + 900, "segment " + i + " about eigenvalues");
            passages.add(new EmbeddedPassage(new Passage(i, List.of(segment)), new float[] {1, i}));
        }
        return passages;
    }
}
