package dev.lectern.store.qdrant;

import static dev.lectern.store.FieldNames.DURATION_SECONDS;
import static dev.lectern.store.FieldNames.END_MILLIS;
import static dev.lectern.store.FieldNames.INGESTED_AT;
import static dev.lectern.store.FieldNames.KIND;
import static dev.lectern.store.FieldNames.KIND_LECTURE;
import static dev.lectern.store.FieldNames.KIND_PASSAGE;
import static dev.lectern.store.FieldNames.LECTURE_ID;
import static dev.lectern.store.FieldNames.ORDINAL;
import static dev.lectern.store.FieldNames.PASSAGES;
import static dev.lectern.store.FieldNames.SEGMENTS;
import static dev.lectern.store.FieldNames.SOURCE_URL;
import static dev.lectern.store.FieldNames.START_MILLIS;
import static dev.lectern.store.FieldNames.TITLE;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.range;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.SegmentsJson;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Lectern keeps in its Qdrant collection, and how: point ids, payloads and filters. Four kinds of point,
 * told apart by the {@link FieldNames#KIND} payload (payload names are those of {@link FieldNames}, plus a few of
 * this adapter's own):
 *
 * <ul>
 *   <li>{@code passage}: a dense vector ({@link #DENSE}), a sparse BM25 vector ({@link #SPARSE}) and the
 *       passage's lecture id, version, ordinal, times and segments;
 *   <li>{@code source}: no vectors; one version's whole transcript (its timed segments), written with the
 *       version's passages and retired with them;
 *   <li>{@code lecture}: no vectors; the small lecture record (title, link, counts) and its <em>active
 *       version</em>, the only one searches see. Every search reads these records, and Qdrant reads a point's
 *       whole payload before it applies a payload selector ({@code lib/shard/src/retrieve/retrieve_blocking.rs}
 *       calls the segment's {@code retrieve}, which reads each payload and then runs
 *       {@code payload_selector.process}), so the transcript lives in the {@code source} point instead;
 *   <li>{@code meta}: one point holding the {@link IndexRecipe} the vectors were made with.
 * </ul>
 *
 * Ids are name-based (version 3) UUIDs: a lecture record's from its lecture id, a passage's from lecture id,
 * version and ordinal, a source's from lecture id and version, so every write can be repeated without
 * creating duplicates. Collections written before the {@code source} kind keep the transcript in the lecture
 * record; {@link #toSource} reads either.
 */
final class QdrantPoints {

    static final String DENSE = "dense";
    static final String SPARSE = "bm25";

    // Payload names the embedded store has no use for; the others are in FieldNames.
    static final String KIND_SOURCE = "source";
    static final String KIND_META = "meta";
    /** The payload key of a lecture's version; stored under its first name, "generation", so existing collections still read. */
    static final String VERSION = "generation";

    static final String WRITTEN_AT = "written_at";
    static final String RECIPE = "recipe";

    /** The one point that holds the recipe. */
    static final UUID RECIPE_ID = nameId("recipe");

    private QdrantPoints() {}

    /** The id of a lecture's record point. */
    static UUID lectureRecordId(String lectureId) {
        return nameId("lecture/" + lectureId);
    }

    /** The id of the transcript of one version of a lecture. */
    static UUID sourceId(String lectureId, String version) {
        return nameId("source/" + lectureId + "/" + version);
    }

    /** The id of passage {@code ordinal} of one version of a lecture. */
    static UUID passageId(String lectureId, String version, int ordinal) {
        return nameId("passage/" + lectureId + "/" + version + "/" + ordinal);
    }

    private static UUID nameId(String name) {
        return UUID.nameUUIDFromBytes(("lectern/" + name).getBytes(StandardCharsets.UTF_8));
    }

    static PointId id(UUID uuid) {
        return PointIdFactory.id(uuid);
    }

    // ---- points ----

    static PointStruct passagePoint(
            String lectureId, String version, EmbeddedPassage embedded, SparseTerms.Sparse terms, long writtenAt) {
        Passage passage = embedded.passage();
        Map<String, Vector> vectors = new LinkedHashMap<>();
        vectors.put(DENSE, VectorFactory.vector(embedded.vector()));
        if (!terms.isEmpty()) {
            vectors.put(SPARSE, VectorFactory.vector(terms.valueList(), terms.indexList()));
        }
        Map<String, Value> payload = new LinkedHashMap<>();
        payload.put(KIND, ValueFactory.value(KIND_PASSAGE));
        payload.put(LECTURE_ID, ValueFactory.value(lectureId));
        payload.put(VERSION, ValueFactory.value(version));
        payload.put(ORDINAL, ValueFactory.value(passage.ordinal()));
        payload.put(START_MILLIS, ValueFactory.value(passage.startMillis()));
        payload.put(END_MILLIS, ValueFactory.value(passage.endMillis()));
        payload.put(SEGMENTS, ValueFactory.value(SegmentsJson.write(passage.segments())));
        payload.put(WRITTEN_AT, ValueFactory.value(writtenAt));
        return PointStruct.newBuilder()
                .setId(id(passageId(lectureId, version, passage.ordinal())))
                .setVectors(VectorsFactory.namedVectors(vectors))
                .putAllPayload(payload)
                .build();
    }

    /** A lecture record: no vectors, so searches never find it, and no transcript, so reading it is cheap. */
    static PointStruct lecturePoint(Lecture lecture, String version, int passageCount) {
        Map<String, Value> payload = new LinkedHashMap<>();
        payload.put(KIND, ValueFactory.value(KIND_LECTURE));
        payload.put(LECTURE_ID, ValueFactory.value(lecture.id()));
        payload.put(VERSION, ValueFactory.value(version));
        payload.put(TITLE, ValueFactory.value(lecture.title()));
        if (lecture.sourceUrl() != null) {
            payload.put(SOURCE_URL, ValueFactory.value(lecture.sourceUrl()));
        }
        payload.put(PASSAGES, ValueFactory.value(passageCount));
        payload.put(DURATION_SECONDS, ValueFactory.value(lecture.durationSeconds()));
        payload.put(INGESTED_AT, ValueFactory.value(lecture.ingestedAt().toEpochMilli()));
        return PointStruct.newBuilder()
                .setId(id(lectureRecordId(lecture.id())))
                .setVectors(VectorsFactory.namedVectors(Map.of()))
                .putAllPayload(payload)
                .build();
    }

    /** One version's transcript: no vectors; read only by {@code source()}. */
    static PointStruct sourcePoint(LectureSource source, String version, long writtenAt) {
        String lectureId = source.lecture().id();
        Map<String, Value> payload = new LinkedHashMap<>();
        payload.put(KIND, ValueFactory.value(KIND_SOURCE));
        payload.put(LECTURE_ID, ValueFactory.value(lectureId));
        payload.put(VERSION, ValueFactory.value(version));
        payload.put(SEGMENTS, ValueFactory.value(SegmentsJson.write(source.segments())));
        payload.put(WRITTEN_AT, ValueFactory.value(writtenAt));
        return PointStruct.newBuilder()
                .setId(id(sourceId(lectureId, version)))
                .setVectors(VectorsFactory.namedVectors(Map.of()))
                .putAllPayload(payload)
                .build();
    }

    static PointStruct recipePoint(IndexRecipe recipe) {
        Map<String, Value> fields = new LinkedHashMap<>();
        recipe.toMap().forEach((key, value) -> fields.put(key, ValueFactory.value(value)));
        return PointStruct.newBuilder()
                .setId(id(RECIPE_ID))
                .setVectors(VectorsFactory.namedVectors(Map.of()))
                .putPayload(KIND, ValueFactory.value(KIND_META))
                .putPayload(RECIPE, ValueFactory.value(fields))
                .build();
    }

    // ---- payloads back to records ----

    static Lecture toLecture(Map<String, Value> payload) {
        Value sourceUrl = payload.get(SOURCE_URL);
        return new Lecture(
                string(payload, LECTURE_ID),
                string(payload, TITLE),
                sourceUrl == null || sourceUrl.hasNullValue() ? null : sourceUrl.getStringValue(),
                (int) integer(payload, PASSAGES),
                number(payload, DURATION_SECONDS),
                Instant.ofEpochMilli(integer(payload, INGESTED_AT)));
    }

    /**
     * A lecture with its transcript: from its record and its version's {@code source} point, or from the
     * record alone when it was written before transcripts moved out of it.
     */
    static LectureSource toSource(Map<String, Value> record, Map<String, Value> source) {
        Map<String, Value> segments = record.containsKey(SEGMENTS) ? record : source;
        return new LectureSource(
                toLecture(record), SegmentsJson.read(string(segments, SEGMENTS)), QdrantChapters.read(record));
    }

    /** Whether a lecture record still carries its transcript (written before the {@code source} kind). */
    static boolean hasSegments(Map<String, Value> record) {
        return record.containsKey(SEGMENTS);
    }

    static Passage toPassage(Map<String, Value> payload) {
        return new Passage((int) integer(payload, ORDINAL), SegmentsJson.read(string(payload, SEGMENTS)));
    }

    static IndexRecipe toRecipe(Map<String, Value> payload) {
        Value recipe = payload.get(RECIPE);
        if (recipe == null || !recipe.hasStructValue()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        recipe.getStructValue().getFieldsMap().forEach((key, value) -> map.put(key, value.getStringValue()));
        return IndexRecipe.fromMap(map);
    }

    static String string(Map<String, Value> payload, String key) {
        Value value = payload.get(key);
        if (value == null || !value.hasStringValue()) {
            throw new IllegalStateException("a Lectern point lacks its '" + key + "' payload: " + payload.keySet());
        }
        return value.getStringValue();
    }

    static long integer(Map<String, Value> payload, String key) {
        Value value = payload.get(key);
        if (value == null) {
            throw new IllegalStateException("a Lectern point lacks its '" + key + "' payload: " + payload.keySet());
        }
        return value.hasIntegerValue() ? value.getIntegerValue() : (long) value.getDoubleValue();
    }

    static double number(Map<String, Value> payload, String key) {
        Value value = payload.get(key);
        if (value == null) {
            throw new IllegalStateException("a Lectern point lacks its '" + key + "' payload: " + payload.keySet());
        }
        return value.hasDoubleValue() ? value.getDoubleValue() : value.getIntegerValue();
    }

    /** The dense values of a returned vector, whichever form the server used. */
    @SuppressWarnings("deprecation") // servers before 1.14 answer in the deprecated flat form
    static float[] dense(VectorOutput vector) {
        List<Float> data = vector.hasDense() ? vector.getDense().getDataList() : vector.getDataList();
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i);
        }
        return values;
    }

    /** The sparse values of a returned vector, whichever form the server used. */
    @SuppressWarnings("deprecation")
    static SparseTerms.Sparse sparse(VectorOutput vector) {
        List<Integer> indices = vector.hasSparse()
                ? vector.getSparse().getIndicesList()
                : vector.getIndices().getDataList();
        List<Float> values = vector.hasSparse() ? vector.getSparse().getValuesList() : vector.getDataList();
        Map<Integer, Float> weights = new LinkedHashMap<>();
        for (int i = 0; i < indices.size() && i < values.size(); i++) {
            weights.merge(indices.get(i), values.get(i), Float::sum);
        }
        return SparseTerms.Sparse.of(weights);
    }

    // ---- filters ----

    /** Every lecture record and the recipe point: what a search reads first. */
    static Filter records() {
        return Filter.newBuilder()
                .addMust(matchKeywords(KIND, List.of(KIND_LECTURE, KIND_META)))
                .build();
    }

    /** Lecture records only. */
    static Filter lectureRecords() {
        return Filter.newBuilder().addMust(matchKeyword(KIND, KIND_LECTURE)).build();
    }

    /**
     * The passages a search may see: those of the active versions, optionally of one lecture only.
     * Versions are random UUIDs, unique across lectures, so one {@code match any} selects them all.
     */
    static Filter activePassages(Collection<String> activeVersions, String lectureId) {
        Filter.Builder filter = Filter.newBuilder()
                .addMust(matchKeyword(KIND, KIND_PASSAGE))
                .addMust(matchKeywords(VERSION, List.copyOf(activeVersions)));
        if (lectureId != null) {
            filter.addMust(matchKeyword(LECTURE_ID, lectureId));
        }
        return filter.build();
    }

    /** The passages of one version of a lecture, for reading them. */
    static Filter passagesOf(String lectureId, String version) {
        return Filter.newBuilder()
                .addMust(matchKeyword(KIND, KIND_PASSAGE))
                .addMust(matchKeyword(LECTURE_ID, lectureId))
                .addMust(matchKeyword(VERSION, version))
                .build();
    }

    /** The passages and transcript of one version of a lecture: what a retirement deletes. */
    static Filter version(String lectureId, String version) {
        return Filter.newBuilder()
                .addMust(matchKeywords(KIND, List.of(KIND_PASSAGE, KIND_SOURCE)))
                .addMust(matchKeyword(LECTURE_ID, lectureId))
                .addMust(matchKeyword(VERSION, version))
                .build();
    }

    /**
     * The condition of an activation ({@code UpsertPoints.update_filter}): the lecture record is replaced only
     * while it still names {@code expected}; with no expected version, only a missing record is written
     * (Qdrant inserts points the condition cannot apply to, and leaves existing ones that do not match).
     */
    static Filter activationCondition(java.util.Optional<String> expected) {
        // Versions are UUIDs, so "-" matches no record: only an insert can happen.
        return Filter.newBuilder()
                .addMust(matchKeyword(VERSION, expected.orElse(NO_VERSION)))
                .build();
    }

    /** A version no record ever names. */
    static final String NO_VERSION = "-";

    /**
     * Passages and transcripts of no active version written before {@code writtenBefore} (epoch millis): what a crashed
     * writer or a lost retirement left behind. Newer ones may belong to a write still under way elsewhere.
     */
    static Filter orphans(Collection<String> activeVersions, long writtenBefore) {
        Filter.Builder filter = Filter.newBuilder()
                .addMust(matchKeywords(KIND, List.of(KIND_PASSAGE, KIND_SOURCE)))
                .addMust(range(
                        WRITTEN_AT, Range.newBuilder().setLt(writtenBefore).build()));
        if (!activeVersions.isEmpty()) {
            filter.addMustNot(matchKeywords(VERSION, List.copyOf(activeVersions)));
        }
        return filter.build();
    }
}
