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
 * @param folds cross-validated figures, or {@code null} when not asked for ({@code --folds})
 */
public record EvaluationReport(
        Metrics overall,
        Map<String, Metrics> byKind,
        double abstention,
        int unanswerable,
        double answerableConfident,
        double medianPassageSeconds,
        List<QuestionResult> questions,
        CrossValidation.Report folds) {

    /**
     * Ranking quality over a set of answerable questions.
     *
     * @param hitAt1 share whose first result overlaps a gold span
     * @param hitAt5 share with such a result in the top 5
     * @param mrrAt10 mean of 1/rank of the first such result in the top 10 (0 when none)
     * @param ndcgAt10 mean nDCG@10, a result gaining 1 when it overlaps a gold span no better result overlapped
     *     (so a question with two spans needs both for 1)
     * @param iouAt1 mean time overlap (intersection over union) of the first result with the best matching gold
     *     span: 1 when the first result is exactly the gold span
     */
    public record Metrics(
            int questions, double hitAt1, double hitAt5, double mrrAt10, double ndcgAt10, double iouAt1) {}

    /**
     * How one question fared.
     *
     * @param rank 1-based rank of the first result overlapping a gold span, 0 when none in the top k
     * @param bestSimilarity cosine similarity of the best returned passage
     * @param ndcgAt10 this question's nDCG@10 (0 for unanswerable questions)
     * @param iouAt1 time overlap of the first result with the best matching gold span
     * @param confidence the confidence score {@code POST /api/ask} gave
     * @param signals the signals the score was computed from, by name
     * @param topSeconds durations of the first five results
     */
    public record QuestionResult(
            String id,
            String kind,
            String question,
            boolean answerable,
            int rank,
            boolean confident,
            double bestSimilarity,
            double ndcgAt10,
            double iouAt1,
            double confidence,
            Map<String, Double> signals,
            List<Double> topSeconds) {}
}
