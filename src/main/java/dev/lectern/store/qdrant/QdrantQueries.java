package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;
import static dev.lectern.store.qdrant.QdrantPoints.SPARSE;

import dev.lectern.store.FieldNames;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.SearchMode;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link PassageQuery} into one Query API request and its answer into {@link PassageHit}s. Pure: no
 * server involved, so it is tested on its own.
 *
 * <ul>
 *   <li>vector: nearest by {@link QdrantPoints#DENSE}; the score is Qdrant's cosine;
 *   <li>keyword: nearest by {@link QdrantPoints#SPARSE} (BM25, IDF applied by Qdrant); scaled so the best is 1;
 *   <li>hybrid: both as prefetches, fused by RRF on the server in the same request; scaled so that first place
 *       in both legs is 1.
 * </ul>
 *
 * The filter (active versions, optional lecture) is set once, on the query: Qdrant merges a query's filter
 * into every prefetch ({@code recurse_prefetches} in {@code lib/shard/src/query/planned_query.rs}: "Filters are
 * propagated into the leaves"), so repeating it per prefetch only makes the request bigger. Points come back
 * with their dense vector, so each hit carries its cosine similarity whatever the mode; in hybrid mode the legs'
 * ranks are recomputed among the returned hits (by cosine, and by BM25 term overlap without IDF), because the
 * server reports only the fused score.
 */
final class QdrantQueries {

    private static final List<String> HIT_PAYLOAD =
            List.of(FieldNames.LECTURE_ID, FieldNames.ORDINAL, FieldNames.SEGMENTS);

    private QdrantQueries() {}

    /** The request for {@code query}, or {@code null} when a keyword search has no term to look for. */
    static QueryPoints request(String collection, PassageQuery query, SparseTerms.Sparse keywords, Filter filter) {
        QueryPoints.Builder request = QueryPoints.newBuilder()
                .setCollectionName(collection)
                .setFilter(filter)
                .setLimit(query.limit())
                .setWithPayload(WithPayloadSelectorFactory.include(HIT_PAYLOAD));
        switch (query.mode()) {
            case VECTOR ->
                request.setQuery(QueryFactory.nearest(query.vector()))
                        .setUsing(DENSE)
                        .setWithVectors(WithVectorsSelectorFactory.enable(false));
            case KEYWORD -> {
                if (keywords.isEmpty()) {
                    return null;
                }
                // The passages' vectors only serve to give each hit its similarity to the question, if it was
                // embedded.
                request.setQuery(QueryFactory.nearest(keywords.valueList(), keywords.indexList()))
                        .setUsing(SPARSE)
                        .setWithVectors(
                                query.vector() == null
                                        ? WithVectorsSelectorFactory.enable(false)
                                        : WithVectorsSelectorFactory.include(List.of(DENSE)));
            }
            case HYBRID -> {
                request.addPrefetch(PrefetchQuery.newBuilder()
                        .setQuery(QueryFactory.nearest(query.vector()))
                        .setUsing(DENSE)
                        .setLimit(query.limit()));
                if (!keywords.isEmpty()) {
                    request.addPrefetch(PrefetchQuery.newBuilder()
                            .setQuery(QueryFactory.nearest(keywords.valueList(), keywords.indexList()))
                            .setUsing(SPARSE)
                            .setLimit(query.limit()));
                }
                request.setQuery(QueryFactory.rrf(
                                Rrf.newBuilder().setK(QdrantStore.QDRANT_RRF_K).build()))
                        .setWithVectors(WithVectorsSelectorFactory.include(List.of(DENSE, SPARSE)));
            }
        }
        return request.build();
    }

    /** The hits of an answer, best first, with their similarity, ranks and scaled score. */
    static List<PassageHit> hits(PassageQuery query, SparseTerms.Sparse keywords, List<ScoredPoint> points) {
        List<Scored> scored = new ArrayList<>(points.size());
        for (ScoredPoint point : points) {
            Map<String, VectorOutput> vectors = point.getVectors().getVectors().getVectorsMap();
            double similarity = query.mode() == SearchMode.VECTOR
                    ? Math.min(1.0, point.getScore())
                    : query.vector() == null
                            ? Double.NaN
                            : vectors.containsKey(DENSE)
                                    ? cosine(query.vector(), QdrantPoints.dense(vectors.get(DENSE)))
                                    : 0;
            double overlap = vectors.containsKey(SPARSE) ? keywords.dot(QdrantPoints.sparse(vectors.get(SPARSE))) : 0;
            scored.add(new Scored(point, similarity, overlap));
        }
        switch (query.mode()) {
            case VECTOR -> {
                for (int i = 0; i < scored.size(); i++) {
                    scored.get(i).vectorRank = i + 1;
                }
            }
            case KEYWORD -> {
                for (int i = 0; i < scored.size(); i++) {
                    scored.get(i).keywordRank = i + 1;
                }
            }
            case HYBRID -> {
                rank(scored, true);
                rank(scored, false);
            }
        }
        double best = scored.isEmpty() ? 1 : scored.get(0).point.getScore();
        List<PassageHit> hits = new ArrayList<>(scored.size());
        for (Scored hit : scored) {
            double score = switch (query.mode()) {
                // Cosine of float vectors can come out a hair above 1; scores are at most 1, as on the embedded store.
                case VECTOR -> Math.min(1.0, hit.point.getScore());
                case KEYWORD -> best > 0 ? hit.point.getScore() / best : 0;
                case HYBRID -> Math.min(1.0, hit.point.getScore() / QdrantStore.BEST_FUSED);
            };
            Map<String, io.qdrant.client.grpc.JsonWithInt.Value> payload = hit.point.getPayloadMap();
            hits.add(new PassageHit(
                    QdrantPoints.string(payload, FieldNames.LECTURE_ID),
                    QdrantPoints.toPassage(payload),
                    score,
                    hit.similarity,
                    hit.vectorRank,
                    hit.keywordRank));
        }
        // Qdrant answers best first; equal scores keep its order.
        hits.sort(Comparator.comparingDouble(PassageHit::score).reversed());
        return hits;
    }

    /** 1-based ranks among the hits, by cosine or by keyword overlap; no keyword rank without overlap. */
    private static void rank(List<Scored> hits, boolean byVector) {
        List<Scored> ordered = hits.stream()
                .filter(hit -> byVector || hit.overlap > 0)
                .sorted(Comparator.comparingDouble((Scored hit) -> byVector ? hit.similarity : hit.overlap)
                        .reversed())
                .toList();
        for (int i = 0; i < ordered.size(); i++) {
            if (byVector) {
                ordered.get(i).vectorRank = i + 1;
            } else {
                ordered.get(i).keywordRank = i + 1;
            }
        }
    }

    /** Cosine similarity; Qdrant stores cosine vectors normalised, but the question may not be. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    private static final class Scored {
        final ScoredPoint point;
        final double similarity;
        final double overlap;
        int vectorRank;
        int keywordRank;

        Scored(ScoredPoint point, double similarity, double overlap) {
            this.point = point;
            this.similarity = similarity;
            this.overlap = overlap;
        }
    }
}
