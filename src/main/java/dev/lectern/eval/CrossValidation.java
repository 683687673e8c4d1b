package dev.lectern.eval;

import dev.lectern.eval.EvaluationReport.Metrics;
import dev.lectern.eval.EvaluationReport.QuestionResult;
import dev.lectern.search.ConfidenceSignals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * k-fold cross-validation over a question file, so that every setting fitted to questions is judged on questions
 * it was not fitted to.
 *
 * <ul>
 *   <li>Folds are stratified: answerable and unanswerable questions are shuffled apart (fixed seed) and dealt
 *       round-robin, so each fold holds its share of both.
 *   <li>Ranking figures (Hit@k, MRR@10, nDCG@10, IoU, passage length) are computed per fold; their mean and spread
 *       (standard deviation across folds) say how much they move with the questions asked.
 *   <li>The confidence model is refitted on the other folds and its operating point chosen there, then applied to
 *       the held-out fold: the abstention figures are out of fold.
 *   <li>{@link #select} chooses among candidate settings (one report each) per fold, by their figures on the other
 *       folds only, and scores the choice on the held-out fold: the figure a choice made this way earns on unseen
 *       questions.
 * </ul>
 */
public final class CrossValidation {

    /** Mean and standard deviation across folds (folds where a figure is undefined are left out). */
    public record Figure(double mean, double spread) {}

    /**
     * Cross-validated figures.
     *
     * @param figures per figure name, its mean and spread across folds
     * @param perFold each fold's figures
     * @param outOfFoldScores each question's confidence score from a model fitted without its fold, by id
     * @param reliability pooled out-of-fold scores in bands of 0.2: questions, and the share answerable
     * @param logLoss mean out-of-fold log loss of the confidence model (lower is better)
     */
    public record Report(
            int folds,
            long seed,
            Map<String, Figure> figures,
            List<Map<String, Double>> perFold,
            Map<String, Double> outOfFoldScores,
            List<Band> reliability,
            double logLoss) {}

    /** One band of the reliability table. */
    public record Band(double from, double to, int questions, int answerable) {}

    /**
     * How the confidence model is fitted and its operating point chosen.
     *
     * @param penalty L2 penalty on standardised signals
     * @param used which of {@link ConfidenceSignals#NAMES} the model reads
     * @param confidentTarget the operating point is the highest score that keeps at least this share of the
     *     training answerable questions confident
     */
    public record Procedure(double penalty, boolean[] used, double confidentTarget) {

        /** A fitted model and its operating point. */
        public record Fitted(LogisticRegression.Fit model, double operatingPoint) {}

        Fitted fit(List<QuestionResult> training) {
            double[][] x = training.stream().map(CrossValidation::signals).toArray(double[][]::new);
            int[] y = training.stream().mapToInt(r -> r.answerable() ? 1 : 0).toArray();
            LogisticRegression.Fit model = LogisticRegression.fit(x, y, penalty, used);
            List<Double> answerableScores = new ArrayList<>();
            for (QuestionResult result : training) {
                if (result.answerable()) {
                    answerableScores.add(model.score(signals(result)));
                }
            }
            return new Fitted(model, operatingPoint(answerableScores, confidentTarget));
        }
    }

    private CrossValidation() {}

    /** The highest point that leaves at least {@code target} of the answerable scores above it. */
    static double operatingPoint(List<Double> answerableScores, double target) {
        List<Double> sorted = new ArrayList<>(answerableScores);
        Collections.sort(sorted);
        int mayFall = (int) Math.floor(sorted.size() * (1 - target) + 1e-9);
        if (mayFall == 0) {
            return sorted.get(0) - 1e-6;
        }
        // Halfway between the last score allowed to fall below and the first one that must stay above.
        return (sorted.get(mayFall - 1) + sorted.get(mayFall)) / 2;
    }

    static double[] signals(QuestionResult result) {
        double[] x = new double[ConfidenceSignals.NAMES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = result.signals().getOrDefault(ConfidenceSignals.NAMES[i], 0.0);
        }
        return x;
    }

    /** Fold of each question, 0..k-1, stratified by answerability. */
    static int[] folds(List<QuestionResult> results, int k, long seed) {
        if (k < 2 || k > results.size()) {
            throw new IllegalArgumentException(
                    "--folds must be between 2 and the number of questions (" + results.size() + "), was " + k);
        }
        Random random = new Random(seed);
        List<Integer> answerable = new ArrayList<>();
        List<Integer> unanswerable = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            (results.get(i).answerable() ? answerable : unanswerable).add(i);
        }
        Collections.shuffle(answerable, random);
        Collections.shuffle(unanswerable, random);
        int[] fold = new int[results.size()];
        int next = 0;
        for (List<Integer> group : List.of(answerable, unanswerable)) {
            for (int index : group) {
                fold[index] = next++ % k;
            }
        }
        return fold;
    }

    /** Cross-validates the figures of one run, refitting the confidence model per fold. */
    public static Report run(List<QuestionResult> results, int k, long seed, Procedure procedure) {
        int[] fold = folds(results, k, seed);
        List<Map<String, Double>> perFold = new ArrayList<>();
        Map<String, Double> outOfFold = new LinkedHashMap<>();
        double logLoss = 0;
        for (int f = 0; f < k; f++) {
            List<QuestionResult> training = new ArrayList<>();
            List<QuestionResult> held = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                (fold[i] == f ? held : training).add(results.get(i));
            }
            Procedure.Fitted fitted = procedure.fit(training);
            List<QuestionResult> refitted = new ArrayList<>();
            for (QuestionResult result : held) {
                double score = fitted.model().score(signals(result));
                outOfFold.put(result.id(), score);
                double p = Math.min(Math.max(score, 1e-6), 1 - 1e-6);
                logLoss -= result.answerable() ? Math.log(p) : Math.log(1 - p);
                refitted.add(withConfidence(result, score, score > fitted.operatingPoint()));
            }
            Map<String, Double> figures = figures(held);
            EvaluationReport refit = LectureEvaluation.report(refitted);
            figures.put("unanswerableFlagged", refit.abstention());
            figures.put("answerableConfident", refit.answerableConfident());
            figures.put("operatingPoint", fitted.operatingPoint());
            perFold.add(figures);
        }
        List<Band> reliability = new ArrayList<>();
        for (int band = 0; band < 5; band++) {
            double from = band * 0.2;
            double to = from + 0.2;
            int questions = 0;
            int answerable = 0;
            for (QuestionResult result : results) {
                double score = outOfFold.get(result.id());
                if (score >= from && (score < to || band == 4)) {
                    questions++;
                    answerable += result.answerable() ? 1 : 0;
                }
            }
            reliability.add(new Band(from, to, questions, answerable));
        }
        return new Report(k, seed, summarise(perFold), perFold, outOfFold, reliability, logLoss / results.size());
    }

    /** The figures of one fold, confidence as the service answered. */
    static Map<String, Double> figures(List<QuestionResult> held) {
        EvaluationReport report = LectureEvaluation.report(held);
        Metrics overall = report.overall();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("hitAt1", overall.hitAt1());
        figures.put("hitAt5", overall.hitAt5());
        figures.put("mrrAt10", overall.mrrAt10());
        figures.put("ndcgAt10", overall.ndcgAt10());
        figures.put("iouAt1", overall.iouAt1());
        figures.put("medianPassageSeconds", report.medianPassageSeconds());
        figures.put("servedUnanswerableFlagged", report.abstention());
        figures.put("servedAnswerableConfident", report.answerableConfident());
        return figures;
    }

    static Map<String, Figure> summarise(List<Map<String, Double>> perFold) {
        Map<String, Figure> out = new LinkedHashMap<>();
        for (String name : perFold.get(0).keySet()) {
            List<Double> values = perFold.stream()
                    .map(m -> m.get(name))
                    .filter(v -> v != null && !v.isNaN())
                    .toList();
            double mean =
                    values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double variance =
                    values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1);
            out.put(name, new Figure(mean, Math.sqrt(variance)));
        }
        return out;
    }

    private static QuestionResult withConfidence(QuestionResult r, double score, boolean confident) {
        return new QuestionResult(
                r.id(),
                r.kind(),
                r.question(),
                r.answerable(),
                r.rank(),
                confident,
                r.bestSimilarity(),
                r.ndcgAt10(),
                r.iouAt1(),
                score,
                r.signals(),
                r.topSeconds());
    }

    /**
     * One candidate setting's run.
     *
     * @param name how the candidate is shown, e.g. its report file
     */
    public record Candidate(String name, List<QuestionResult> results) {}

    /**
     * The outcome of choosing among candidates by cross-validation.
     *
     * @param chosenPerFold the candidate chosen in each fold (by MRR@10 on the other folds)
     * @param figures the chosen candidates' figures on their held-out folds: mean and spread
     * @param candidates each candidate's own cross-validated figures
     */
    public record Selection(
            List<String> chosenPerFold, Map<String, Figure> figures, Map<String, Map<String, Figure>> candidates) {}

    /**
     * Chooses among candidate settings in each fold by MRR@10 (then Hit@5) on the other folds, and scores each
     * choice on its held-out fold. All candidates must hold the same questions in the same order.
     */
    public static Selection select(List<Candidate> candidates, int k, long seed) {
        List<QuestionResult> first = candidates.get(0).results();
        for (Candidate candidate : candidates) {
            List<String> ids =
                    candidate.results().stream().map(QuestionResult::id).toList();
            if (!ids.equals(first.stream().map(QuestionResult::id).toList())) {
                throw new IllegalArgumentException(candidate.name() + " holds other questions than "
                        + candidates.get(0).name());
            }
        }
        int[] fold = folds(first, k, seed);
        List<String> chosen = new ArrayList<>();
        List<Map<String, Double>> perFold = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Candidate best = null;
            double bestMrr = Double.NEGATIVE_INFINITY;
            double bestHit5 = Double.NEGATIVE_INFINITY;
            for (Candidate candidate : candidates) {
                Metrics training = LectureEvaluation.report(part(candidate.results(), fold, f, false))
                        .overall();
                if (training.mrrAt10() > bestMrr + 1e-9
                        || (Math.abs(training.mrrAt10() - bestMrr) <= 1e-9 && training.hitAt5() > bestHit5)) {
                    best = candidate;
                    bestMrr = training.mrrAt10();
                    bestHit5 = training.hitAt5();
                }
            }
            chosen.add(best.name());
            perFold.add(figures(part(best.results(), fold, f, true)));
        }
        Map<String, Map<String, Figure>> each = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            List<Map<String, Double>> folds = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                folds.add(figures(part(candidate.results(), fold, f, true)));
            }
            each.put(candidate.name(), summarise(folds));
        }
        return new Selection(chosen, summarise(perFold), each);
    }

    private static List<QuestionResult> part(List<QuestionResult> results, int[] fold, int f, boolean held) {
        List<QuestionResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if ((fold[i] == f) == held) {
                out.add(results.get(i));
            }
        }
        return out;
    }
}
