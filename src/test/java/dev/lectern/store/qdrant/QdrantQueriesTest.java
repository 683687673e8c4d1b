package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.SearchMode;
import dev.lectern.transcript.Segment;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One Query API request per search, and its answer as hits, without a server. */
class QdrantQueriesTest {

    private static final SparseTerms TERMS = new SparseTerms();
    private static final Filter FILTER = QdrantPoints.activePassages(List.of("g1"), "talk");
    private static final float[] QUESTION = {1, 0};

    @Test
    void hybridIsOneRequestFusingBothLegsOnTheServer() {
        PassageQuery query = new PassageQuery(QUESTION, "gradient checkpointing", SearchMode.HYBRID, 20, "talk");
        QueryPoints request = QdrantQueries.request("lectern", query, TERMS.query(query.text()), FILTER);

        assertEquals(2, request.getPrefetchCount());
        assertEquals(QdrantPoints.DENSE, request.getPrefetch(0).getUsing());
        assertEquals(QdrantPoints.SPARSE, request.getPrefetch(1).getUsing());
        request.getPrefetchList().forEach(prefetch -> {
            // Qdrant merges the query's filter into each prefetch; sending it again only enlarges the request.
            assertFalse(prefetch.hasFilter(), "the filter is sent once, at the top level");
            assertEquals(20, prefetch.getLimit());
        });
        assertEquals(FILTER, request.getFilter());
        assertEquals(QdrantStore.QDRANT_RRF_K, request.getQuery().getRrf().getK());
        assertEquals(20, request.getLimit());
        assertEquals(
                List.of(QdrantPoints.DENSE, QdrantPoints.SPARSE),
                request.getWithVectors().getInclude().getNamesList());
    }

    @Test
    void hybridWithoutSearchableWordsUsesTheVectorLegAlone() {
        PassageQuery query = new PassageQuery(QUESTION, "what is it?", SearchMode.HYBRID, 5, null);
        QueryPoints request = QdrantQueries.request("lectern", query, TERMS.query(query.text()), FILTER);
        assertEquals(1, request.getPrefetchCount());
    }

    @Test
    void vectorAndKeywordModesQueryOneVector() {
        PassageQuery vector = new PassageQuery(QUESTION, "decay", SearchMode.VECTOR, 5, null);
        QueryPoints byVector = QdrantQueries.request("lectern", vector, TERMS.query("decay"), FILTER);
        assertEquals(QdrantPoints.DENSE, byVector.getUsing());
        assertEquals(0, byVector.getPrefetchCount());

        PassageQuery keyword = new PassageQuery(QUESTION, "decay", SearchMode.KEYWORD, 5, null);
        QueryPoints byWords = QdrantQueries.request("lectern", keyword, TERMS.query("decay"), FILTER);
        assertEquals(QdrantPoints.SPARSE, byWords.getUsing());
        assertTrue(byWords.getQuery().getNearest().hasSparse());

        PassageQuery nothing = new PassageQuery(QUESTION, "the of and", SearchMode.KEYWORD, 5, null);
        assertNull(QdrantQueries.request("lectern", nothing, TERMS.query(nothing.text()), FILTER));
    }

    @Test
    void hybridHitsCarryCosineRanksAndScaledScore() {
        PassageQuery query = new PassageQuery(QUESTION, "decay", SearchMode.HYBRID, 5, null);
        SparseTerms.Sparse keywords = TERMS.query("decay");
        // Fused first: both legs agree. Second: vector only, its words do not match.
        ScoredPoint both = scored(0, "beta decay", new float[] {0.96f, 0.28f}, QdrantStore.BEST_FUSED);
        ScoredPoint vectorOnly = scored(1, "alpha particles", new float[] {0.6f, 0.8f}, 1.0 / QdrantStore.QDRANT_RRF_K);
        List<PassageHit> hits = QdrantQueries.hits(query, keywords, List.of(both, vectorOnly));

        assertEquals(2, hits.size());
        assertEquals(1.0, hits.get(0).score(), 1e-6, "first in both legs scores 1");
        assertEquals(0.5, hits.get(1).score(), 1e-6);
        assertEquals(0.96, hits.get(0).vectorSimilarity(), 1e-6, "cosine computed from the returned vector");
        assertEquals(1, hits.get(0).vectorRank());
        assertEquals(1, hits.get(0).keywordRank());
        assertEquals(2, hits.get(1).vectorRank());
        assertEquals(0, hits.get(1).keywordRank(), "no keyword rank without a matching word");
        assertEquals("talk", hits.get(0).lectureId());
        assertEquals(0, hits.get(0).passage().ordinal());
    }

    @Test
    void keywordHitsAreScaledToTheBest() {
        PassageQuery query = new PassageQuery(QUESTION, "decay", SearchMode.KEYWORD, 5, null);
        List<PassageHit> hits = QdrantQueries.hits(
                query,
                TERMS.query("decay"),
                List.of(
                        scored(0, "decay", new float[] {0, 1}, 4.0),
                        scored(1, "decay decay", new float[] {1, 0}, 2.0)));
        assertEquals(List.of(1.0, 0.5), hits.stream().map(PassageHit::score).toList());
        assertEquals(List.of(1, 2), hits.stream().map(PassageHit::keywordRank).toList());
        assertEquals(List.of(0, 0), hits.stream().map(PassageHit::vectorRank).toList());
        assertEquals(0.0, hits.get(0).vectorSimilarity(), 1e-6);
        assertEquals(1.0, hits.get(1).vectorSimilarity(), 1e-6);
    }

    @Test
    void cosineNormalises() {
        assertEquals(1.0, QdrantQueries.cosine(new float[] {2, 0}, new float[] {1, 0}), 1e-9);
        assertEquals(0.0, QdrantQueries.cosine(new float[] {0, 0}, new float[] {1, 0}));
    }

    /** A point as Qdrant returns it: payload, both vectors, fused or leg score. */
    private static ScoredPoint scored(int ordinal, String text, float[] dense, double score) {
        Passage passage = new Passage(ordinal, List.of(new Segment(ordinal * 1_000L, ordinal * 1_000L + 900, text)));
        SparseTerms.Sparse sparse = TERMS.document(text, 40);
        PointStruct stored = QdrantPoints.passagePoint("talk", "g1", new EmbeddedPassage(passage, dense), sparse, 1L);
        VectorOutput denseOut = VectorOutput.newBuilder()
                .setDense(io.qdrant.client.grpc.Points.DenseVector.newBuilder().addAllData(toList(dense)))
                .build();
        VectorOutput sparseOut = VectorOutput.newBuilder()
                .setSparse(SparseVector.newBuilder()
                        .addAllIndices(sparse.indexList())
                        .addAllValues(sparse.valueList()))
                .build();
        return ScoredPoint.newBuilder()
                .setId(stored.getId())
                .putAllPayload(stored.getPayloadMap())
                .setScore((float) score)
                .setVectors(VectorsOutput.newBuilder()
                        .setVectors(NamedVectorsOutput.newBuilder()
                                .putVectors(QdrantPoints.DENSE, denseOut)
                                .putVectors(QdrantPoints.SPARSE, sparseOut)))
                .build();
    }

    private static List<Float> toList(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
