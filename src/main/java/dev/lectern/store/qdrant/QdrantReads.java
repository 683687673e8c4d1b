package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;

import dev.lectern.store.FieldNames;
import dev.lectern.store.IndexRecipe;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The point reads of one collection that the store's operations build on: lecture records, the recipe, the active
 * versions (for searches over all lectures, reused for {@link #ACTIVE_SET_TTL}), and paged scrolls.
 */
final class QdrantReads {

    /** Records read per scroll request. */
    private static final int SCROLL_PAGE = 256;

    /**
     * How long searches over all lectures reuse the set of active versions. A write through this store
     * clears it at once; another replica's write shows after at most this long.
     */
    static final Duration ACTIVE_SET_TTL = Duration.ofSeconds(1);

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;

    /** The active set of all lectures and when it was read, or null. */
    private volatile CachedActive activeCache;

    private record CachedActive(String physicalName, Active active, long atNanos) {}

    /** The recipe and the versions searches may see. */
    record Active(IndexRecipe recipe, Set<String> versions) {}

    QdrantReads(QdrantSettings settings, QdrantClient client, QdrantCalls calls) {
        this.settings = settings;
        this.client = client;
        this.calls = calls;
    }

    /** After a write, or when the collection is gone: the next search reads the active set again. */
    void forgetActive() {
        activeCache = null;
    }

    Active activeFor(String physical, String lectureId) {
        if (lectureId != null) {
            return readActive(physical, lectureId);
        }
        CachedActive cached = activeCache;
        if (cached != null
                && cached.physicalName().equals(physical)
                && System.nanoTime() - cached.atNanos() < ACTIVE_SET_TTL.toNanos()) {
            return cached.active();
        }
        long at = System.nanoTime();
        Active active = readActive(physical, null);
        activeCache = new CachedActive(physical, active, at);
        return active;
    }

    Active readActive(String physical, String lectureId) {
        WithPayloadSelector fields =
                WithPayloadSelectorFactory.include(List.of(FieldNames.KIND, QdrantPoints.VERSION, QdrantPoints.RECIPE));
        List<RetrievedPoint> points = lectureId != null
                ? retrieve(physical, List.of(QdrantPoints.lectureRecordId(lectureId), QdrantPoints.RECIPE_ID), fields)
                : scrollPages(physical, QdrantPoints.records(), fields, false);
        IndexRecipe recipe = null;
        Set<String> versions = new LinkedHashSet<>();
        for (RetrievedPoint point : points) {
            Map<String, Value> payload = point.getPayloadMap();
            String kind = QdrantPoints.string(payload, FieldNames.KIND);
            if (kind.equals(QdrantPoints.KIND_META)) {
                recipe = QdrantPoints.toRecipe(payload);
            } else if (kind.equals(FieldNames.KIND_LECTURE)) {
                versions.add(QdrantPoints.string(payload, QdrantPoints.VERSION));
            }
        }
        return new Active(recipe, versions);
    }

    Optional<IndexRecipe> readRecipe(String physical) {
        List<RetrievedPoint> points = retrieve(
                physical,
                List.of(QdrantPoints.RECIPE_ID),
                WithPayloadSelectorFactory.include(List.of(QdrantPoints.RECIPE)));
        return points.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(QdrantPoints.toRecipe(points.get(0).getPayloadMap()));
    }

    Optional<String> activeVersion(String physical, String lectureId) {
        List<RetrievedPoint> points = retrieve(
                physical,
                List.of(QdrantPoints.lectureRecordId(lectureId)),
                WithPayloadSelectorFactory.include(List.of(QdrantPoints.VERSION)));
        return points.stream()
                .findFirst()
                .map(point -> QdrantPoints.string(point.getPayloadMap(), QdrantPoints.VERSION));
    }

    /** A lecture record without a transcript that an older write may have left in it. */
    Optional<RetrievedPoint> record(String physical, String lectureId) {
        return retrieve(
                        physical,
                        List.of(QdrantPoints.lectureRecordId(lectureId)),
                        WithPayloadSelectorFactory.exclude(List.of(FieldNames.SEGMENTS)))
                .stream()
                .findFirst();
    }

    List<RetrievedPoint> retrieve(String physical, List<UUID> ids, WithPayloadSelector payload) {
        GetPoints.Builder get = GetPoints.newBuilder()
                .setCollectionName(physical)
                .setWithVectors(WithVectorsSelectorFactory.enable(false))
                .setWithPayload(payload);
        ids.forEach(id -> get.addIds(QdrantPoints.id(id)));
        return calls.call("read records", () -> client.retrieveAsync(get.build(), settings.timeout()));
    }

    List<RetrievedPoint> scrollPages(String physical, Filter filter, WithPayloadSelector payload, boolean withDense) {
        List<RetrievedPoint> all = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder scroll = ScrollPoints.newBuilder()
                    .setCollectionName(physical)
                    .setFilter(filter)
                    .setLimit(SCROLL_PAGE)
                    .setWithPayload(payload)
                    .setWithVectors(
                            withDense
                                    ? WithVectorsSelectorFactory.include(List.of(DENSE))
                                    : WithVectorsSelectorFactory.enable(false));
            if (offset != null) {
                scroll.setOffset(offset);
            }
            ScrollResponse page =
                    calls.call("list points", () -> client.scrollAsync(scroll.build(), settings.timeout()));
            all.addAll(page.getResultList());
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        return all;
    }
}
