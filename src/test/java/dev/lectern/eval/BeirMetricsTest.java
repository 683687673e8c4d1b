package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics against values computed by hand, trec_eval's definitions. */
class BeirMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectRankingScoresOne() {
        Map<String, Integer> relevant = Map.of("a", 1, "b", 1);
        List<String> ranking = List.of("a", "b", "x", "y");
        assertEquals(1.0, BeirBenchmark.ndcgAt(ranking, relevant, 10), EPS);
        assertEquals(1.0, BeirBenchmark.recallAt(ranking, relevant, 100), EPS);
        assertEquals(1.0, BeirBenchmark.reciprocalRankAt(ranking, relevant, 10), EPS);
    }

    @Test
    void singleRelevantDocumentAtRankTwo() {
        Map<String, Integer> relevant = Map.of("a", 1);
        List<String> ranking = List.of("x", "a", "y");
        // DCG = 1/log2(3), ideal DCG = 1/log2(2) = 1.
        assertEquals(1 / (Math.log(3) / Math.log(2)), BeirBenchmark.ndcgAt(ranking, relevant, 10), EPS);
        assertEquals(0.5, BeirBenchmark.reciprocalRankAt(ranking, relevant, 10), EPS);
        assertEquals(1.0, BeirBenchmark.recallAt(ranking, relevant, 100), EPS);
    }

    @Test
    void nothingRelevantRetrievedScoresZero() {
        Map<String, Integer> relevant = Map.of("a", 1);
        List<String> ranking = List.of("x", "y", "z");
        assertEquals(0.0, BeirBenchmark.ndcgAt(ranking, relevant, 10), EPS);
        assertEquals(0.0, BeirBenchmark.recallAt(ranking, relevant, 100), EPS);
        assertEquals(0.0, BeirBenchmark.reciprocalRankAt(ranking, relevant, 10), EPS);
    }

    @Test
    void relevantDocumentBelowTheCutDoesNotCount() {
        Map<String, Integer> relevant = Map.of("a", 1);
        List<String> ranking = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a");
        assertEquals(0.0, BeirBenchmark.ndcgAt(ranking, relevant, 10), EPS);
        assertEquals(0.0, BeirBenchmark.reciprocalRankAt(ranking, relevant, 10), EPS);
        assertEquals(1.0, BeirBenchmark.recallAt(ranking, relevant, 100), EPS);
    }

    @Test
    void recallIsTheShareOfRelevantDocumentsInTheTopHundred() {
        Map<String, Integer> relevant = Map.of("a", 1, "b", 1, "c", 1);
        List<String> ranking = List.of("a", "x", "c");
        assertEquals(2.0 / 3, BeirBenchmark.recallAt(ranking, relevant, 100), EPS);
        // Only the first 2 count at depth 2.
        assertEquals(1.0 / 3, BeirBenchmark.recallAt(ranking, relevant, 2), EPS);
    }

    @Test
    void gradedJudgementsUseTheGradeAsGainLikeTrecEval() {
        // trec_eval: gain = grade (not 2^grade - 1). Ranking b(1), a(2): DCG = 1/1 + 2/log2(3);
        // ideal a(2), b(1): 2/1 + 1/log2(3).
        Map<String, Integer> relevant = Map.of("a", 2, "b", 1, "z", 0);
        double log3 = Math.log(3) / Math.log(2);
        double expected = (1 + 2 / log3) / (2 + 1 / log3);
        assertEquals(expected, BeirBenchmark.ndcgAt(List.of("b", "a"), relevant, 10), EPS);
    }

    @Test
    void queriesWithoutRelevantDocumentsAreSkipped() {
        List<BeirBenchmark.Query> queries = List.of(
                new BeirBenchmark.Query("q1", "first", Map.of("a", 1)),
                new BeirBenchmark.Query("q2", "second", Map.of("b", 1)),
                new BeirBenchmark.Query("q3", "only judged not relevant", Map.of("c", 0)));
        Map<String, List<String>> rankings = Map.of("q1", List.of("a"), "q2", List.of("x", "y"), "q3", List.of("c"));
        BeirBenchmark.Scores scores = BeirBenchmark.score(queries, rankings);
        assertEquals(2, scores.queriesScored());
        assertEquals(0.5, scores.ndcgAt10(), EPS);
        assertEquals(0.5, scores.recallAt100(), EPS);
        assertEquals(0.5, scores.mrrAt10(), EPS);
    }

    @Test
    void rankingIsByDotProductWithTiesOrderedByDocIdLikeTrecEval() {
        float[] query = {1, 0};
        float[][] docs = {{0.5f, 0.5f}, {0.9f, 0.1f}, {0.5f, 0.2f}, {0.1f, 0.9f}};
        List<String> ids = List.of("d1", "d2", "d3", "d4");
        // d1 and d3 tie at 0.5: trec_eval puts the larger doc id first.
        assertEquals(List.of("d2", "d3", "d1", "d4"), BeirBenchmark.rank(query, docs, ids::get, 10));
        assertEquals(List.of("d2", "d3"), BeirBenchmark.rank(query, docs, ids::get, 2));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BeirBenchmark.median(new double[] {3, 1, 2}), EPS);
        assertEquals(2.5, BeirBenchmark.median(new double[] {4, 1, 2, 3}), EPS);
    }
}
