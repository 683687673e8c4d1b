package dev.lectern.eval;

import dev.lectern.eval.EvaluationReport.Metrics;
import dev.lectern.eval.EvaluationReport.QuestionResult;
import dev.lectern.search.AnswerService;
import dev.lectern.search.AskResult;
import dev.lectern.search.SearchConfig;
import dev.lectern.search.SearchHit;
import dev.lectern.search.SearchRequest;
import dev.lectern.store.SearchMode;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs gold questions through exactly what {@code POST /api/ask} runs (search, merging of repeated moments,
 * confidence) and scores the results against the gold time spans: a result is a hit when its time span
 * overlaps a gold span.
 */
@ApplicationScoped
@Unremovable // looked up by the eval command, not injected
public class LectureEvaluation {

    /** Results read per question: MRR@10 needs ten. */
    static final int DEPTH = 10;

    private final AnswerService answers;
    private final SearchConfig config;

    LectureEvaluation(AnswerService answers, SearchConfig config) {
        this.answers = answers;
        this.config = config;
    }

    /**
     * Evaluates; blocking.
     *
     * @param mode search mode, or {@code null} for the configured default
     * @param lectureId lecture for questions that name none, or {@code null} for the whole corpus
     */
    public EvaluationReport evaluate(List<GoldQuestion> questions, SearchMode mode, String lectureId) {
        List<QuestionResult> results = new ArrayList<>();
        for (GoldQuestion question : questions) {
            String lecture = question.lectureId() != null ? question.lectureId() : lectureId;
            AskResult result = answers.ask(
                    new SearchRequest(question.question(), DEPTH, lecture, mode != null ? mode : config.defaultMode()));
            List<double[]> found = result.hits().stream()
                    .map(h -> new double[] {
                        h.passage().startMillis() / 1000.0, h.passage().endMillis() / 1000.0
                    })
                    .toList();
            double best = result.hits().stream()
                    .mapToDouble(SearchHit::similarity)
                    .max()
                    .orElse(0);
            results.add(new QuestionResult(
                    question.id(),
                    question.kind(),
                    question.question(),
                    question.answerable(),
                    rank(question, found),
                    result.confident(),
                    best,
                    ndcg(question, found),
                    found.isEmpty() ? 0 : iou(question, found.get(0)),
                    result.confidence(),
                    result.signals() == null ? Map.of() : result.signals().byName(),
                    found.stream().limit(5).map(f -> f[1] - f[0]).toList()));
        }
        return report(results);
    }

    /** 1-based rank of the first result overlapping a gold span, 0 when none. */
    static int rank(GoldQuestion question, List<double[]> found) {
        for (int i = 0; i < Math.min(DEPTH, found.size()); i++) {
            if (question.hits(found.get(i)[0], found.get(i)[1])) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * nDCG@10 with binary gains: a result gains 1 when it overlaps a gold span that no better result overlapped;
     * the ideal ranking puts one result on each gold span first.
     */
    static double ndcg(GoldQuestion question, List<double[]> found) {
        if (!question.answerable()) {
            return 0;
        }
        boolean[] covered = new boolean[question.spans().size()];
        double dcg = 0;
        for (int i = 0; i < Math.min(DEPTH, found.size()); i++) {
            double[] result = found.get(i);
            for (int s = 0; s < covered.length; s++) {
                double[] span = question.spans().get(s);
                if (!covered[s] && result[0] < span[1] && span[0] < result[1]) {
                    covered[s] = true;
                    dcg += 1 / log2(i + 2);
                    break;
                }
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(DEPTH, covered.length); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    /** Intersection over union in time of a result with the gold span it overlaps most. */
    static double iou(GoldQuestion question, double[] result) {
        double best = 0;
        for (double[] span : question.spans()) {
            double intersection = Math.max(0, Math.min(result[1], span[1]) - Math.max(result[0], span[0]));
            double union = Math.max(result[1], span[1]) - Math.min(result[0], span[0]);
            best = Math.max(best, union <= 0 ? 0 : intersection / union);
        }
        return best;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static EvaluationReport report(List<QuestionResult> results) {
        return report(results, null);
    }

    static EvaluationReport report(List<QuestionResult> results, CrossValidation.Report folds) {
        List<QuestionResult> answerable =
                results.stream().filter(QuestionResult::answerable).toList();
        List<QuestionResult> unanswerable =
                results.stream().filter(r -> !r.answerable()).toList();
        Map<String, List<QuestionResult>> byKind = new TreeMap<>();
        for (QuestionResult result : answerable) {
            byKind.computeIfAbsent(result.kind(), k -> new ArrayList<>()).add(result);
        }
        Map<String, Metrics> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, list) -> kinds.put(kind, metrics(list)));
        double abstention = unanswerable.isEmpty()
                ? Double.NaN
                : unanswerable.stream().filter(r -> !r.confident()).count() / (double) unanswerable.size();
        double confident = answerable.isEmpty()
                ? Double.NaN
                : answerable.stream().filter(QuestionResult::confident).count() / (double) answerable.size();
        List<Double> durations =
                results.stream().flatMap(r -> r.topSeconds().stream()).toList();
        return new EvaluationReport(
                metrics(answerable),
                kinds,
                abstention,
                unanswerable.size(),
                confident,
                median(durations),
                results,
                folds);
    }

    static Metrics metrics(List<QuestionResult> results) {
        if (results.isEmpty()) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double hit1 = 0;
        double hit5 = 0;
        double mrr = 0;
        double ndcg = 0;
        double iou = 0;
        for (QuestionResult result : results) {
            int rank = result.rank();
            hit1 += rank == 1 ? 1 : 0;
            hit5 += rank >= 1 && rank <= 5 ? 1 : 0;
            mrr += rank >= 1 && rank <= DEPTH ? 1.0 / rank : 0;
            ndcg += result.ndcgAt10();
            iou += result.iouAt1();
        }
        int n = results.size();
        return new Metrics(n, hit1 / n, hit5 / n, mrr / n, ndcg / n, iou / n);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
