package dev.lectern.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lectern.eval.EvaluationReport.Metrics;
import dev.lectern.store.SearchMode;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eval}: runs a gold question file through the service's own retrieval, on its configured index, and
 * prints Hit@1, Hit@5, MRR@10 (overall and per kind), abstention on unanswerable questions and the median
 * returned passage duration.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Score retrieval on a gold question file (JSON Lines; see docs/evaluation.md).")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUESTIONS", description = "Gold question file, JSON Lines.")
    Path questions;

    @Option(names = "--lecture", description = "Lecture id for questions that name none (default: all lectures).")
    String lecture;

    @Option(names = "--mode", description = "hybrid, vector or keyword (default: lectern.search.default-mode).")
    String mode;

    @Option(
            names = "--data-dir",
            description = "Index to evaluate (default: lectern.data-dir). An empty one is"
                    + " seeded with the configured lectures first.")
    Path dataDir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    /** The command and its questions, handed to the application Quarkus runs below (same thread, same JVM). */
    private static EvalCommand current;

    private static List<GoldQuestion> currentGold;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(questions)) {
            System.err.println("Cannot read the question file " + questions.toAbsolutePath());
            return 2;
        }
        List<GoldQuestion> gold;
        try {
            gold = GoldQuestions.read(questions);
            if (mode != null) {
                SearchMode.fromId(mode);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(questions + ": " + e.getMessage());
            return 2;
        }
        if (dataDir != null) {
            System.setProperty("lectern.data-dir", dataDir.toAbsolutePath().toString());
        }
        // The service starts as configured, on a free port so that a running Lectern is not disturbed.
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        // Standard output is for the report alone, so that --json can be piped.
        System.setProperty("quarkus.log.console.stderr", "true");
        current = this;
        currentGold = gold;
        int[] exit = {0};
        Quarkus.run(Application.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("Evaluation failed: " + rootMessage(failure));
                exit[0] = 1;
            } else {
                exit[0] = code;
            }
        });
        return exit[0];
    }

    /** Runs the evaluation inside the started service. */
    public static final class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            EvalCommand command = current;
            LectureEvaluation evaluation =
                    Arc.container().instance(LectureEvaluation.class).get();
            EvaluationReport report = evaluation.evaluate(
                    currentGold, command.mode == null ? null : SearchMode.fromId(command.mode), command.lecture);
            System.out.println(command.json ? json(report) : text(report));
            return 0;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == failure
                ? String.valueOf(failure.getMessage())
                : failure.getMessage() + ": " + cause.getMessage();
    }

    static String json(EvaluationReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(EvaluationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %5s %7s %7s %7s%n", "kind", "n", "Hit@1", "Hit@5", "MRR@10"));
        row(out, "all", report.overall());
        for (Map.Entry<String, Metrics> kind : report.byKind().entrySet()) {
            row(out, kind.getKey(), kind.getValue());
        }
        out.append(String.format(
                Locale.ROOT,
                "%nUnanswerable flagged not confident: %.3f (%d questions)%n",
                report.abstention(),
                report.unanswerable()));
        out.append(
                String.format(Locale.ROOT, "Answerable kept confident:          %.3f%n", report.answerableConfident()));
        out.append(String.format(
                Locale.ROOT, "Median returned passage (top 5):    %.1f s%n", report.medianPassageSeconds()));
        out.append(String.format("%nMisses, late hits and wrong confidence:%n"));
        report.questions().stream()
                .filter(q -> q.answerable() ? q.rank() != 1 || !q.confident() : q.confident())
                .forEach(q -> out.append(String.format(
                        Locale.ROOT,
                        "  %-6s %-11s rank %-2d confident %-5s sim %.3f  %s%n",
                        q.id(),
                        q.kind(),
                        q.rank(),
                        q.confident(),
                        q.bestSimilarity(),
                        q.question())));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Metrics metrics) {
        out.append(String.format(
                Locale.ROOT,
                "%-14s %5d %7.3f %7.3f %7.3f%n",
                label,
                metrics.questions(),
                metrics.hitAt1(),
                metrics.hitAt5(),
                metrics.mrrAt10()));
    }
}
