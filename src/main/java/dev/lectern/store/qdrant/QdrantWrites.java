package dev.lectern.store.qdrant;

import dev.lectern.chapter.Outline;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WriteOrdering;
import io.qdrant.client.grpc.Points.WriteOrderingType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The writes to one collection: upserts, plain and conditional, the chapters' set-payload and deletions, each
 * waited for and sent with medium ordering (see {@link #ordering()}), except the deletions nobody waits on; and
 * dropping a collection the alias left.
 *
 * @param calls runs every write, with its deadline and retries
 */
record QdrantWrites(QdrantSettings settings, QdrantClient client, QdrantCalls calls) {

    private static final Logger LOG = Logger.getLogger(QdrantWrites.class);

    void upsert(String physical, List<PointStruct> points, String what) {
        UpsertPoints request = UpsertPoints.newBuilder()
                .setCollectionName(physical)
                .addAllPoints(points)
                .setWait(true)
                .setOrdering(ordering())
                .build();
        calls.call(what, () -> client.upsertAsync(request, settings.timeout()));
    }

    void upsertIf(String physical, PointStruct point, Filter condition, String lectureId) {
        UpsertPoints request = UpsertPoints.newBuilder()
                .setCollectionName(physical)
                .addPoints(point)
                .setUpdateFilter(condition)
                .setWait(true)
                .setOrdering(ordering())
                .build();
        calls.call("activate lecture '" + lectureId + "'", () -> client.upsertAsync(request, settings.timeout()));
    }

    /**
     * Medium ordering: Qdrant routes each write through the highest <em>alive</em> replica of its shard. Strong
     * ordering routes through the highest replica peer id, dead or alive, and a forward to a dead peer fails
     * every write to that shard until the peer is back ({@code leader_peer_for_update} in
     * {@code lib/collection/src/shards/replica_set/update.rs}). Lectern needs no more than Medium: a lecture's
     * writes are issued one after another, each waits until applied ({@code wait=true}), and the switch is a
     * conditional upsert of one point, so no write can overtake another of the same lecture.
     */
    static WriteOrdering ordering() {
        return WriteOrdering.newBuilder().setType(WriteOrderingType.Medium).build();
    }

    /** Deletes a lecture's record: the lecture is invisible at once; its version is retired later. */
    void deleteRecord(String physical, String lectureId) {
        calls.call(
                "delete lecture '" + lectureId + "'",
                () -> client.deleteAsync(
                        DeletePoints.newBuilder()
                                .setCollectionName(physical)
                                .setWait(true)
                                .setOrdering(ordering())
                                .setPoints(PointsSelector.newBuilder()
                                        .setPoints(PointsIdsList.newBuilder()
                                                .addIds(QdrantPoints.id(QdrantPoints.lectureRecordId(lectureId)))))
                                .build(),
                        settings.timeout()));
    }

    /** Replaces the chapters of the lecture record that names {@code version} ({@link QdrantChapters#replace}). */
    void replaceChapters(String physical, String lectureId, String version, Outline outline) {
        calls.call(
                "write the chapters of lecture '" + lectureId + "'",
                () -> client.setPayloadAsync(
                        QdrantChapters.replace(physical, lectureId, version, outline, ordering()), settings.timeout()));
    }

    /** Deletes the points {@code filter} selects without waiting for them to go: for the sweep. */
    void deleteUnwaited(String physical, Filter filter, String what) {
        calls.call(
                what,
                () -> client.deleteAsync(DeletePoints.newBuilder()
                        .setCollectionName(physical)
                        .setWait(false)
                        .setPoints(PointsSelector.newBuilder().setFilter(filter))
                        .build()));
    }

    /** Drops a collection the alias left, once no search can still be reading it. */
    void dropCollection(String physical) {
        calls.call("drop collection " + physical, () -> client.deleteCollectionAsync(physical, settings.timeout()));
    }

    /**
     * Deletes the points {@code filter} selects, once, without retries; a failure is added to {@code reportTo}
     * (if any) and left to the sweep.
     */
    void deleteQuietly(String physical, Filter filter, Throwable reportTo) {
        try {
            client.deleteAsync(DeletePoints.newBuilder()
                            .setCollectionName(physical)
                            .setWait(false)
                            .setPoints(PointsSelector.newBuilder().setFilter(filter))
                            .build())
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reportTo != null) {
                reportTo.addSuppressed(e);
            }
            LOG.debugf("Could not delete retired points from %s (the next sweep will): %s", physical, e);
        }
    }
}
