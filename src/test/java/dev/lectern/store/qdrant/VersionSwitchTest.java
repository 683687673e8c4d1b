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
class VersionSwitchTest {

    private static final SparseTerms TERMS = new SparseTerms();

    @Test
    void writesPassagesAndTranscriptThenSwitches() {
        LectureSource lecture = lecture(5);
        VersionSwitch plan = VersionSwitch.plan(lecture, passages(5), "new-gen", TERMS, 40, 2, 7L);

        assertEquals(
                List.of(2, 2, 1), plan.passageBatches().stream().map(List::size).toList());
        List<PointStruct> written =
                plan.passageBatches().stream().flatMap(List::stream).toList();
        for (int i = 0; i < written.size(); i++) {
            PointStruct point = written.get(i);
            assertEquals("new-gen", QdrantPoints.string(point.getPayloadMap(), QdrantPoints.VERSION));
            assertEquals(QdrantPoints.id(QdrantPoints.passageId("talk", "new-gen", i)), point.getId());
        }
        // The switch is one point: the lecture record naming the new version.
        assertEquals(
                QdrantPoints.id(QdrantPoints.lectureRecordId("talk")),
                plan.activation().getId());
        assertEquals("new-gen", QdrantPoints.string(plan.activation().getPayloadMap(), QdrantPoints.VERSION));
        assertEquals(5, QdrantPoints.integer(plan.activation().getPayloadMap(), FieldNames.PASSAGES));
        assertFalse(
                QdrantPoints.hasSegments(plan.activation().getPayloadMap()),
                "the record every search reads carries no transcript");
        // The transcript is part of the version, written before the switch.
        assertEquals(1, plan.content().size());
        PointStruct source = plan.content().get(0);
        assertEquals(QdrantPoints.id(QdrantPoints.sourceId("talk", "new-gen")), source.getId());
        assertEquals(lecture, QdrantPoints.toSource(plan.activation().getPayloadMap(), source.getPayloadMap()));
        // What is deleted if this version can never become active: its own points only.
        assertEquals(QdrantPoints.version("talk", "new-gen"), plan.written());
    }

    @Test
    void newVersionNeverOverwritesTheActiveOne() {
        Set<Object> oldIds = new HashSet<>();
        VersionSwitch first = VersionSwitch.plan(lecture(3), passages(3), "g1", TERMS, 40, 10, 1L);
        first.passageBatches().forEach(batch -> batch.forEach(point -> oldIds.add(point.getId())));
        VersionSwitch second = VersionSwitch.plan(lecture(3), passages(3), "g2", TERMS, 40, 10, 2L);
        second.passageBatches()
                .forEach(batch -> batch.forEach(point -> assertTrue(
                        !oldIds.contains(point.getId()), "same content, new version: new ids, old ones untouched")));
        assertThrows(
                IllegalArgumentException.class,
                () -> VersionSwitch.plan(lecture(1), passages(1), QdrantPoints.NO_VERSION, TERMS, 40, 10, 3L));
    }

    @Test
    void repeatingAPlanWritesTheSameIds() {
        VersionSwitch once = VersionSwitch.plan(lecture(4), passages(4), "g", TERMS, 40, 3, 1L);
        VersionSwitch again = VersionSwitch.plan(lecture(4), passages(4), "g", TERMS, 40, 3, 1L);
        assertEquals(once, again, "a retried write is idempotent");
    }

    @Test
    void lectureWithoutPassagesStillSwitches() {
        VersionSwitch plan = VersionSwitch.plan(lecture(0), List.of(), "g2", TERMS, 40, 10, 1L);
        assertEquals(List.of(), plan.passageBatches());
        assertEquals("g2", QdrantPoints.string(plan.activation().getPayloadMap(), QdrantPoints.VERSION));
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
