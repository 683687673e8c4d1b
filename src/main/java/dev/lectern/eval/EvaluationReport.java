package dev.lectern.eval;

import java.util.List;
import java.util.Map;

/**
 * The result of running a gold question file through Lectern's retrieval.
 *
 * @param overall ranking metrics over the answerable questions
 * @param byKind the same per {@code kind} label (answerable kinds only)
 * @param abstention share of unanswerable questions answered {@code confident: false}, or NaN without any
 * @param answerableConfident share of answerable questions answered {@code confident: true}
 * @param medianPassageSeconds median duration of the passages returned in the top 5
 * @param questions one row per question, in file order
 */
public record EvaluationReport(
        Metrics overall,
        Map<String, Metrics> byKind,
        double abstention,
        int unanswerable,
        double answerableConfident,
        double medianPassageSeconds,
        List<QuestionResult> questions) {

    /**
     * Ranking quality over a set of answerable questions.
     *
     * @param hitAt1 share whose first result overlaps a gold span
     * @param hitAt5 share with such a result in the top 5
     * @param mrrAt10 mean of 1/rank of the first such result in the top 10 (0 when none)
     */
    public record Metrics(int questions, double hitAt1, double hitAt5, double mrrAt10) {}

    /**
     * How one question fared.
     *
     * @param rank 1-based rank of the first result overlapping a gold span, 0 when none in the top k
     * @param bestSimilarity cosine similarity of the best returned passage
     */
    public record QuestionResult(
            String id,
            String kind,
            String question,
            boolean answerable,
            int rank,
            boolean confident,
            double bestSimilarity) {}
}
