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
        List<Double> durations = new ArrayList<>();
        for (GoldQuestion question : questions) {
            String lecture = question.lectureId() != null ? question.lectureId() : lectureId;
            AskResult result = answers.ask(
                    new SearchRequest(question.question(), DEPTH, lecture, mode != null ? mode : config.defaultMode()));
            List<SearchHit> hits = result.hits();
            int rank = 0;
            for (int i = 0; i < hits.size() && rank == 0; i++) {
                SearchHit hit = hits.get(i);
                if (question.hits(
                        hit.passage().startMillis() / 1000.0, hit.passage().endMillis() / 1000.0)) {
                    rank = i + 1;
                }
            }
            hits.stream()
                    .limit(5)
                    .forEach(h ->
                            durations.add((h.passage().endMillis() - h.passage().startMillis()) / 1000.0));
            double best = hits.stream().mapToDouble(SearchHit::similarity).max().orElse(0);
            results.add(new QuestionResult(
                    question.id(),
                    question.kind(),
                    question.question(),
                    question.answerable(),
                    rank,
                    result.confident(),
                    best));
        }
        return report(results, durations);
    }

    static EvaluationReport report(List<QuestionResult> results, List<Double> durations) {
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
        return new EvaluationReport(
                metrics(answerable), kinds, abstention, unanswerable.size(), confident, median(durations), results);
    }

    static Metrics metrics(List<QuestionResult> results) {
        if (results.isEmpty()) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double hit1 = 0;
        double hit5 = 0;
        double mrr = 0;
        for (QuestionResult result : results) {
            int rank = result.rank();
            hit1 += rank == 1 ? 1 : 0;
            hit5 += rank >= 1 && rank <= 5 ? 1 : 0;
            mrr += rank >= 1 && rank <= DEPTH ? 1.0 / rank : 0;
        }
        int n = results.size();
        return new Metrics(n, hit1 / n, hit5 / n, mrr / n);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
