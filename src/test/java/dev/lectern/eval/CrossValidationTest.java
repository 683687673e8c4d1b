package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.eval.EvaluationReport.QuestionResult;
import dev.lectern.search.ConfidenceSignals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void ndcgRewardsFindingEverySpanOfAMultiPartAnswer() {
        GoldQuestion two =
                new GoldQuestion("m", "?", List.of(new double[] {0, 10}, new double[] {100, 110}), "multi", null);
        List<double[]> both = List.of(new double[] {0, 20}, new double[] {5, 15}, new double[] {95, 105});
        List<double[]> oneSpanTwice = List.of(new double[] {0, 20}, new double[] {5, 15});

        // Ideal: hits at ranks 1 and 2. Here: ranks 1 and 3 (rank 2 repeats the first span and gains nothing).
        double expected = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
        assertEquals(expected, LectureEvaluation.ndcg(two, both), 1e-9);
        assertEquals(1 / (1 + 1 / log2(3)), LectureEvaluation.ndcg(two, oneSpanTwice), 1e-9);
        assertEquals(1, LectureEvaluation.rank(two, both));
    }

    @Test
    void iouMeasuresHowTightlyTheFirstResultFitsTheGoldSpan() {
        GoldQuestion q = new GoldQuestion("q", "?", List.of(new double[] {10, 20}), "factual", null);
        assertEquals(1.0, LectureEvaluation.iou(q, new double[] {10, 20}), 1e-9);
        assertEquals(0.25, LectureEvaluation.iou(q, new double[] {0, 40}), 1e-9);
        assertEquals(0.0, LectureEvaluation.iou(q, new double[] {30, 40}), 1e-9);
    }

    @Test
    void foldsAreStratifiedAndCoverEveryQuestionOnce() {
        List<QuestionResult> results = questions(40, 5, new Random(1));
        int[] folds = CrossValidation.folds(results, 5, 7);
        int[] answerable = new int[5];
        int[] unanswerable = new int[5];
        for (int i = 0; i < folds.length; i++) {
            (results.get(i).answerable() ? answerable : unanswerable)[folds[i]]++;
        }
        assertTrue(Arrays.stream(answerable).allMatch(n -> n == 7));
        assertTrue(Arrays.stream(unanswerable).allMatch(n -> n == 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.folds(results, 1, 7));
    }

    @Test
    void logisticRegressionSeparatesWhatASignalSeparates() {
        Random random = new Random(3);
        double[][] x = new double[200][2];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2;
            x[i][0] = y[i] + random.nextGaussian() * 0.3; // informative
            x[i][1] = random.nextGaussian(); // noise
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 1, new boolean[] {true, true});
        assertTrue(fit.weights()[0] > 3, Arrays.toString(fit.weights()));
        assertTrue(Math.abs(fit.weights()[1]) < 0.5, Arrays.toString(fit.weights()));
        assertTrue(fit.score(new double[] {1, 0}) > 0.9);
        assertTrue(fit.score(new double[] {0, 0}) < 0.1);
        LogisticRegression.Fit without = LogisticRegression.fit(x, y, 1, new boolean[] {false, true});
        assertEquals(0, without.weights()[0]);
    }

    @Test
    void operatingPointKeepsTheTargetShareConfident() {
        List<Double> scores = List.of(0.1, 0.5, 0.6, 0.7, 0.8, 0.9, 0.91, 0.92, 0.93, 0.95);
        double point = CrossValidation.operatingPoint(scores, 0.9);
        assertEquals(0.3, point, 1e-9);
        assertEquals(9, scores.stream().filter(s -> s > point).count());
        assertTrue(CrossValidation.operatingPoint(scores, 1.0) < 0.1);
    }

    @Test
    void confidenceIsCrossValidatedOutOfFold() {
        List<QuestionResult> results = questions(60, 12, new Random(5));
        boolean[] all = new boolean[ConfidenceSignals.NAMES.length];
        Arrays.fill(all, true);
        CrossValidation.Report report = CrossValidation.run(results, 5, 1, new CrossValidation.Procedure(1, all, 0.9));

        assertEquals(60, report.outOfFoldScores().size());
        assertEquals(5, report.perFold().size());
        // The signal separates well, so the refitted model flags most unanswerable questions out of fold.
        assertTrue(
                report.figures().get("unanswerableFlagged").mean() > 0.7,
                report.figures().toString());
        assertEquals(
                60,
                report.reliability().stream()
                        .mapToInt(CrossValidation.Band::questions)
                        .sum());
    }

    @Test
    void selectionChoosesOnTheOtherFoldsOnly() {
        Random random = new Random(9);
        List<QuestionResult> good = questions(40, 4, random);
        List<QuestionResult> worse = new ArrayList<>();
        for (QuestionResult r : good) {
            worse.add(withRank(r, r.answerable() ? r.rank() + 1 : 0));
        }
        CrossValidation.Selection selection = CrossValidation.select(
                List.of(new CrossValidation.Candidate("worse", worse), new CrossValidation.Candidate("good", good)),
                5,
                3);
        assertEquals(List.of("good", "good", "good", "good", "good"), selection.chosenPerFold());
        assertEquals(
                selection.candidates().get("good").get("mrrAt10").mean(),
                selection.figures().get("mrrAt10").mean(),
                1e-9);
    }

    /** Questions with a confidence signal that mostly separates answerable from not. */
    private static List<QuestionResult> questions(int n, int unanswerable, Random random) {
        List<QuestionResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean answerable = i >= unanswerable;
            Map<String, Double> signals = new HashMap<>();
            for (String name : ConfidenceSignals.NAMES) {
                signals.put(name, random.nextDouble());
            }
            signals.put("bestSimilarity", (answerable ? 0.6 : 0.2) + random.nextGaussian() * 0.08);
            int rank = answerable ? 1 + random.nextInt(3) : 0;
            out.add(new QuestionResult(
                    "q" + i,
                    answerable ? "factual" : "none",
                    "?",
                    answerable,
                    rank,
                    true,
                    0.5,
                    answerable ? 1.0 / rank : 0,
                    0.5,
                    0.5,
                    signals,
                    List.of(40.0)));
        }
        return out;
    }

    private static QuestionResult withRank(QuestionResult r, int rank) {
        return new QuestionResult(
                r.id(),
                r.kind(),
                r.question(),
                r.answerable(),
                rank,
                r.confident(),
                r.bestSimilarity(),
                r.ndcgAt10(),
                r.iouAt1(),
                r.confidence(),
                r.signals(),
                r.topSeconds());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
