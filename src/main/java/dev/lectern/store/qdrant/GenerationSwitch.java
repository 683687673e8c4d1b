package dev.lectern.store.qdrant;

import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that replace a lecture in Qdrant, in the order they must happen: the new generation's passages and
 * transcript (invisible: no lecture record names their generation yet), then the lecture record naming the new
 * generation (one point, so the switch is atomic; written conditionally, see {@link Activation}), then, after the
 * grace period, the deletion of the generation the switch replaced. If any write before the switch fails,
 * searches keep seeing the previous generation.
 *
 * <p>This is where a lecture's points are put together; anything stored with a lecture (its transcript today)
 * belongs to {@link #content()}, written before the switch and retired with the generation.
 *
 * @param generation the new generation
 * @param passageBatches upserts of the new generation's passages
 * @param content the new generation's other points: its transcript
 * @param activation the lecture record that makes the new generation the one searches see
 * @param written everything of the new generation, for deleting it if it can never become active
 */
record GenerationSwitch(
        String generation,
        List<List<PointStruct>> passageBatches,
        List<PointStruct> content,
        PointStruct activation,
        Filter written) {

    /**
     * Plans the replacement of a lecture.
     *
     * @param generation the new generation, unique across lectures (a random UUID)
     * @param averageLength BM25's average passage length for {@link SparseTerms#document}
     * @param writtenAt epoch millis stored with each point, for the orphan sweep
     */
    static GenerationSwitch plan(
            LectureSource lecture,
            List<EmbeddedPassage> passages,
            String generation,
            SparseTerms terms,
            double averageLength,
            int batchSize,
            long writtenAt) {
        String lectureId = lecture.lecture().id();
        if (generation.equals(QdrantPoints.NO_GENERATION)) {
            throw new IllegalArgumentException("'" + generation + "' is reserved and cannot be a generation");
        }
        List<List<PointStruct>> batches = new ArrayList<>();
        List<PointStruct> batch = new ArrayList<>();
        for (EmbeddedPassage passage : passages) {
            batch.add(QdrantPoints.passagePoint(
                    lectureId,
                    generation,
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
        return new GenerationSwitch(
                generation,
                List.copyOf(batches),
                List.of(QdrantPoints.sourcePoint(lecture, generation, writtenAt)),
                QdrantPoints.lecturePoint(lecture.lecture(), generation, passages.size()),
                QdrantPoints.generation(lectureId, generation));
    }
}
