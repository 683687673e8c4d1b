package dev.lectern.store.qdrant;

import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writes that replace a lecture in Qdrant, in the order they must happen: the new generation's passages
 * (invisible: no lecture record names their generation yet), then the lecture record naming the new generation
 * (one point, so the switch is atomic), then, after the grace period, the deletion of the previous generation.
 * If any write before the switch fails, searches keep seeing the previous generation.
 *
 * @param passageBatches upserts of the new generation's passages
 * @param activation the lecture record that makes the new generation the one searches see
 * @param retirement the passages to delete after the grace period: the previous generation's, if any
 */
record GenerationSwitch(
        String generation,
        List<List<PointStruct>> passageBatches,
        PointStruct activation,
        Optional<Filter> retirement) {

    /**
     * Plans the replacement of a lecture.
     *
     * @param previousGeneration the active generation before this write, if the lecture is stored
     * @param generation the new generation, unique across lectures (a random UUID)
     * @param averageLength BM25's average passage length for {@link SparseTerms#document}
     * @param writtenAt epoch millis stored with each passage, for the orphan sweep
     */
    static GenerationSwitch plan(
            LectureSource lecture,
            List<EmbeddedPassage> passages,
            Optional<String> previousGeneration,
            String generation,
            SparseTerms terms,
            double averageLength,
            int batchSize,
            long writtenAt) {
        String lectureId = lecture.lecture().id();
        if (previousGeneration.isPresent() && previousGeneration.get().equals(generation)) {
            throw new IllegalArgumentException("the new generation must differ from the active one: " + generation);
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
                QdrantPoints.lecturePoint(lecture, generation, passages.size()),
                previousGeneration.map(old -> QdrantPoints.generation(lectureId, old)));
    }
}
