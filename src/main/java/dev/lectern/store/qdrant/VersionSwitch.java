package dev.lectern.store.qdrant;

import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that replace a lecture in Qdrant, in the order they must happen: the new version's passages and
 * transcript (invisible: no lecture record names their version yet), then the lecture record naming the new
 * version (one point, so the switch is atomic; written conditionally, see {@link Activation}), then, after the
 * grace period, the deletion of the version the switch replaced. If any write before the switch fails,
 * searches keep seeing the previous version.
 *
 * <p>This is where a lecture's points are put together; anything stored with a lecture (its transcript today)
 * belongs to {@link #content()}, written before the switch and retired with the version.
 *
 * @param version the new version
 * @param passageBatches upserts of the new version's passages
 * @param content the new version's other points: its transcript
 * @param activation the lecture record that makes the new version the one searches see
 * @param written everything of the new version, for deleting it if it can never become active
 */
record VersionSwitch(
        String version,
        List<List<PointStruct>> passageBatches,
        List<PointStruct> content,
        PointStruct activation,
        Filter written) {

    /**
     * Plans the replacement of a lecture.
     *
     * @param version the new version, unique across lectures (a random UUID)
     * @param averageLength BM25's average passage length for {@link SparseTerms#document}
     * @param writtenAt epoch millis stored with each point, for the orphan sweep
     */
    static VersionSwitch plan(
            LectureSource lecture,
            List<EmbeddedPassage> passages,
            String version,
            SparseTerms terms,
            double averageLength,
            int batchSize,
            long writtenAt) {
        String lectureId = lecture.lecture().id();
        if (version.equals(QdrantPoints.NO_VERSION)) {
            throw new IllegalArgumentException("'" + version + "' is reserved and cannot be a version");
        }
        List<List<PointStruct>> batches = new ArrayList<>();
        List<PointStruct> batch = new ArrayList<>();
        for (EmbeddedPassage passage : passages) {
            batch.add(QdrantPoints.passagePoint(
                    lectureId,
                    version,
                    passage,
                    terms.document(passage.passage().text(), averageLength),
                    writtenAt));
            if (batch.size() == batchSize) {
                batches.add(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return new VersionSwitch(
                version,
                List.copyOf(batches),
                List.of(QdrantPoints.sourcePoint(lecture, version, writtenAt)),
                QdrantChapters.withChapters(
                        QdrantPoints.lecturePoint(lecture.lecture(), version, passages.size()), lecture.outline()),
                QdrantPoints.version(lectureId, version));
    }
}
