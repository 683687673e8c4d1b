package dev.lectern.store.qdrant;

import static dev.lectern.store.FieldNames.CHAPTERS;
import static io.qdrant.client.ConditionFactory.matchKeyword;

import dev.lectern.chapter.Outline;
import dev.lectern.store.FieldNames;
import dev.lectern.store.OutlineJson;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.WriteOrdering;
import java.util.Map;

/**
 * A lecture's chapters in Qdrant: one string payload field, {@link FieldNames#CHAPTERS}, on the lecture record (in
 * {@link OutlineJson}'s format), written with the record and replaced on its own with a set-payload request.
 * Everything chapter-specific of the Qdrant adapter is here.
 */
final class QdrantChapters {

    private QdrantChapters() {}

    /** A lecture record with the lecture's chapters in its payload; as it is for a lecture without chapters. */
    static PointStruct withChapters(PointStruct lectureRecord, Outline outline) {
        return outline == null
                ? lectureRecord
                : lectureRecord.toBuilder()
                        .putPayload(CHAPTERS, ValueFactory.value(OutlineJson.write(outline)))
                        .build();
    }

    /** The chapters of a lecture record's payload, or {@code null} when it has none. */
    static Outline read(Map<String, Value> payload) {
        Value value = payload.get(CHAPTERS);
        return value == null || !value.hasStringValue() ? null : OutlineJson.read(value.getStringValue());
    }

    /**
     * Sets the chapters of one version of a lecture: the filter names the record's version, so chapters meant
     * for a version another process has replaced meanwhile change nothing.
     */
    static SetPayloadPoints replace(
            String collection, String lectureId, String version, Outline outline, WriteOrdering ordering) {
        Filter record = Filter.newBuilder()
                .addMust(matchKeyword(FieldNames.KIND, FieldNames.KIND_LECTURE))
                .addMust(matchKeyword(FieldNames.LECTURE_ID, lectureId))
                .addMust(matchKeyword(QdrantPoints.VERSION, version))
                .build();
        return SetPayloadPoints.newBuilder()
                .setCollectionName(collection)
                .setWait(true)
                .setOrdering(ordering)
                .putPayload(CHAPTERS, ValueFactory.value(OutlineJson.write(outline)))
                .setPointsSelector(PointsSelector.newBuilder().setFilter(record))
                .build();
    }
}
