package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.SegmentsJson;
import dev.lectern.transcript.Segment;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ids, payloads and filters of the Qdrant adapter, without a server. */
class QdrantPointsTest {

    static final Segment FIRST = new Segment(1_000, 4_500, "We trained on \"images\", é ∑.");
    static final Segment SECOND = new Segment(4_500, 9_000, "Then came ZeRO.");
    static final LectureSource LECTURE = new LectureSource(
            new Lecture("talk-1", "A talk", "https://example.org/v", 1, 9.0, Instant.ofEpochMilli(1_700_000_123_456L)),
            List.of(FIRST, SECOND));

    @Test
    void passageIdsAreDeterministicAndDistinct() {
        assertEquals(QdrantPoints.passageId("talk-1", "g1", 0), QdrantPoints.passageId("talk-1", "g1", 0));
        Set<UUID> ids = new HashSet<>();
        for (String lecture : List.of("talk-1", "talk-2")) {
            for (String version : List.of("g1", "g2")) {
                for (int ordinal = 0; ordinal < 50; ordinal++) {
                    ids.add(QdrantPoints.passageId(lecture, version, ordinal));
                }
            }
        }
        assertEquals(200, ids.size());
        assertEquals(3, QdrantPoints.passageId("talk-1", "g1", 0).version(), "name-based UUID");
        assertNotEquals(QdrantPoints.lectureRecordId("talk-1"), QdrantPoints.lectureRecordId("talk-2"));
        assertFalse(ids.contains(QdrantPoints.lectureRecordId("talk-1")));
        assertFalse(ids.contains(QdrantPoints.RECIPE_ID));
        // Pinned: changing how ids are made would orphan every stored point.
        assertEquals(
                UUID.nameUUIDFromBytes("lectern/lecture/talk-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                QdrantPoints.lectureRecordId("talk-1"));
    }

    @Test
    void passagePointRoundTrips() {
        Passage passage = new Passage(3, List.of(FIRST, SECOND));
        float[] vector = {0.6f, 0.8f};
        SparseTerms terms = new SparseTerms();
        PointStruct point = QdrantPoints.passagePoint(
                "talk-1", "g1", new EmbeddedPassage(passage, vector), terms.document(passage.text(), 40), 42L);

        assertEquals(QdrantPoints.id(QdrantPoints.passageId("talk-1", "g1", 3)), point.getId());
        assertEquals(passage, QdrantPoints.toPassage(point.getPayloadMap()));
        assertEquals("talk-1", QdrantPoints.string(point.getPayloadMap(), FieldNames.LECTURE_ID));
        assertEquals("g1", QdrantPoints.string(point.getPayloadMap(), QdrantPoints.VERSION));
        assertEquals(1_000, QdrantPoints.integer(point.getPayloadMap(), FieldNames.START_MILLIS));
        assertEquals(9_000, QdrantPoints.integer(point.getPayloadMap(), FieldNames.END_MILLIS));
        assertEquals(42, QdrantPoints.integer(point.getPayloadMap(), QdrantPoints.WRITTEN_AT));
        assertEquals(FieldNames.KIND_PASSAGE, QdrantPoints.string(point.getPayloadMap(), FieldNames.KIND));
        var vectors = point.getVectors().getVectors().getVectorsMap();
        assertEquals(
                List.of(0.6f, 0.8f), vectors.get(QdrantPoints.DENSE).getDense().getDataList());
        assertTrue(vectors.get(QdrantPoints.SPARSE).getSparse().getIndicesCount() > 0);
    }

    @Test
    void lecturePointRoundTripsAndHasNoVectors() {
        PointStruct point = QdrantPoints.lecturePoint(LECTURE.lecture(), "g7", 1);
        PointStruct source = QdrantPoints.sourcePoint(LECTURE, "g7", 3L);
        assertEquals(QdrantPoints.id(QdrantPoints.lectureRecordId("talk-1")), point.getId());
        assertEquals(LECTURE, QdrantPoints.toSource(point.getPayloadMap(), source.getPayloadMap()));
        assertEquals(0, source.getVectors().getVectors().getVectorsCount(), "never found by a vector search");
        assertEquals(LECTURE.lecture(), QdrantPoints.toLecture(point.getPayloadMap()));
        assertEquals("g7", QdrantPoints.string(point.getPayloadMap(), QdrantPoints.VERSION));
        assertEquals(0, point.getVectors().getVectors().getVectorsCount(), "never found by a vector search");

        LectureSource withoutLink =
                new LectureSource(new Lecture("x", "No link", null, 0, 1.0, Instant.ofEpochMilli(5)), List.of(FIRST));
        assertEquals(
                withoutLink,
                QdrantPoints.toSource(
                        QdrantPoints.lecturePoint(withoutLink.lecture(), "g", 0).getPayloadMap(),
                        QdrantPoints.sourcePoint(withoutLink, "g", 0L).getPayloadMap()));
    }

    @Test
    void recipePointRoundTrips() {
        IndexRecipe recipe = new IndexRecipe("m", 384, 256, "mean", "query: ", "", 88, 36, 0, 0);
        PointStruct point = QdrantPoints.recipePoint(recipe);
        assertEquals(QdrantPoints.id(QdrantPoints.RECIPE_ID), point.getId());
        assertEquals(recipe, QdrantPoints.toRecipe(point.getPayloadMap()));
    }

    @Test
    void searchFilterSelectsActiveVersionsOfOneLecture() {
        Filter all = QdrantPoints.activePassages(List.of("g1", "g2"), null);
        assertEquals(2, all.getMustCount());
        assertEquals(keyword(all.getMust(0)), FieldNames.KIND + "=" + FieldNames.KIND_PASSAGE);
        Condition versions = all.getMust(1);
        assertEquals(QdrantPoints.VERSION, versions.getField().getKey());
        assertEquals(
                List.of("g1", "g2"),
                versions.getField().getMatch().getKeywords().getStringsList());

        Filter one = QdrantPoints.activePassages(List.of("g1"), "talk-1");
        assertEquals(3, one.getMustCount());
        assertEquals(FieldNames.LECTURE_ID + "=talk-1", keyword(one.getMust(2)));
    }

    @Test
    void retirementFilterNamesOneVersionOfOneLecture() {
        Filter retire = QdrantPoints.version("talk-1", "g1");
        assertEquals(
                List.of(FieldNames.KIND_PASSAGE, QdrantPoints.KIND_SOURCE),
                retire.getMust(0).getField().getMatch().getKeywords().getStringsList(),
                "passages and transcript, never the lecture record");
        assertEquals(
                List.of(FieldNames.LECTURE_ID + "=talk-1", QdrantPoints.VERSION + "=g1"),
                retire.getMustList().subList(1, 3).stream()
                        .map(QdrantPointsTest::keyword)
                        .toList());
    }

    @Test
    void activationConditionExpectsTheVersionReadBeforeWriting() {
        Filter replace = QdrantPoints.activationCondition(java.util.Optional.of("g1"));
        assertEquals(
                List.of(QdrantPoints.VERSION + "=g1"),
                replace.getMustList().stream().map(QdrantPointsTest::keyword).toList());
        // No record expected: a version no record names, so only an insert can happen.
        Filter insertOnly = QdrantPoints.activationCondition(java.util.Optional.empty());
        assertEquals(QdrantPoints.VERSION + "=" + QdrantPoints.NO_VERSION, keyword(insertOnly.getMust(0)));
    }

    @Test
    void recordsWrittenBeforeTranscriptsMovedOutStillReadBack() {
        PointStruct legacy = QdrantPoints.lecturePoint(LECTURE.lecture(), "g", 1).toBuilder()
                .putPayload(
                        FieldNames.SEGMENTS,
                        io.qdrant.client.ValueFactory.value(SegmentsJson.write(LECTURE.segments())))
                .build();
        assertTrue(QdrantPoints.hasSegments(legacy.getPayloadMap()));
        assertEquals(LECTURE, QdrantPoints.toSource(legacy.getPayloadMap(), java.util.Map.of()));
    }

    @Test
    void orphanFilterSparesActiveAndRecentVersions() {
        Filter orphans = QdrantPoints.orphans(List.of("g1"), 1_000L);
        assertEquals(QdrantPoints.WRITTEN_AT, orphans.getMust(1).getField().getKey());
        assertEquals(1_000.0, orphans.getMust(1).getField().getRange().getLt());
        assertEquals(
                List.of(FieldNames.KIND_PASSAGE, QdrantPoints.KIND_SOURCE),
                orphans.getMust(0).getField().getMatch().getKeywords().getStringsList());
        assertEquals(
                List.of("g1"),
                orphans.getMustNot(0).getField().getMatch().getKeywords().getStringsList());
        assertEquals(0, QdrantPoints.orphans(List.of(), 1_000L).getMustNotCount());
    }

    @Test
    void segmentsSurviveJson() {
        List<Segment> segments = List.of(FIRST, SECOND, new Segment(0, 0, "[x]"));
        assertEquals(segments, SegmentsJson.read(SegmentsJson.write(segments)));
    }

    private static String keyword(Condition condition) {
        return condition.getField().getKey() + "="
                + condition.getField().getMatch().getKeyword();
    }
}
