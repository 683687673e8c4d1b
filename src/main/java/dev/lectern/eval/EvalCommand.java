package dev.lectern.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lectern.eval.EvaluationReport.Metrics;
import dev.lectern.search.ConfidenceSignals;
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

    @Option(
            names = "--folds",
            description = "Cross-validate: report the mean and spread of each figure over this many folds of the"
                    + " questions, with the confidence model refitted on the other folds (0: off, the default).")
    int folds;

    @Option(names = "--seed", description = "Seed of the fold split (default 12).")
    long seed = 12;

    @Option(
            names = "--select",
            arity = "1..*",
            paramLabel = "REPORT",
            description = "With --folds: choose among candidate settings, given as reports of earlier runs"
                    + " (--json), fold by fold on the other folds' MRR@10, and report the choice's held-out figures."
                    + " Starts no service.")
    List<Path> select;

    @Option(
            names = "--from",
            paramLabel = "REPORT",
            description = "Score the questions of an earlier run (--json) again instead of starting the service:"
                    + " to cross-validate confidence procedures (--signals, --penalty) on one set of answers.")
    Path from;

    @Option(
            names = "--fit-confidence",
            description = "Fit the confidence model on all the questions and print its coefficients and the"
                    + " operating point chosen on out-of-fold scores (needs --folds; default 5).")
    boolean fitConfidence;

    @Option(
            names = "--penalty",
            description = "L2 penalty of the confidence fit, on standardised signals (default 0.1, chosen by"
                    + " cross-validation: docs/evaluation.md).")
    double penalty = 0.1;

    @Option(
            names = "--signals",
            split = ",",
            description = "Signals the confidence model reads, of bestSimilarity, answerSimilarity, unknownWords,"
                    + " rareWordsFound, legAgreement, typeMismatch, sentenceSimilarity, sentenceCoverage, typedCoverage, similarityGap"
                    + " (default: bestSimilarity,sentenceSimilarity,sentenceCoverage,typedCoverage,typeMismatch,"
                    + " chosen by cross-validation: docs/evaluation.md).")
    List<String> signals =
            List.of("bestSimilarity", "sentenceSimilarity", "sentenceCoverage", "typedCoverage", "typeMismatch");

    @Option(
            names = "--confident-target",
            description = "Operating point rule: the highest score that keeps this share of the training answerable"
                    + " questions confident (default 0.95).")
    double confidentTarget = 0.95;

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
            procedure();
        } catch (IllegalArgumentException e) {
            System.err.println(questions + ": " + e.getMessage());
            return 2;
        }
        if (fitConfidence && folds == 0) {
            folds = 5;
        }
        if (select != null) {
            return selectAmong(gold);
        }
        if (from != null) {
            EvaluationReport report = LectureEvaluation.report(readResults(from));
            if (folds > 0) {
                report = LectureEvaluation.report(
                        report.questions(), CrossValidation.run(report.questions(), folds, seed, procedure()));
            }
            System.out.println(json ? json(report) : text(report));
            if (fitConfidence) {
                System.out.println(fitted(report));
            }
            return 0;
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
            if (command.folds > 0) {
                report = LectureEvaluation.report(
                        report.questions(),
                        CrossValidation.run(report.questions(), command.folds, command.seed, command.procedure()));
            }
            System.out.println(command.json ? json(report) : text(report));
            if (command.fitConfidence) {
                System.out.println(command.fitted(report));
            }
            return 0;
        }
    }

    /** The confidence fitting procedure the options describe. */
    CrossValidation.Procedure procedure() {
        List<String> names = List.of(ConfidenceSignals.NAMES);
        boolean[] used = new boolean[names.size()];
        for (String name : signals) {
            int index = names.indexOf(name.strip());
            if (index < 0) {
                throw new IllegalArgumentException("--signals: unknown signal '" + name + "', known: " + names);
            }
            used[index] = true;
        }
        if (!(confidentTarget > 0 && confidentTarget <= 1)) {
            throw new IllegalArgumentException("--confident-target must be in (0, 1], was " + confidentTarget);
        }
        return new CrossValidation.Procedure(penalty, used, confidentTarget);
    }

    /** The confidence model fitted on every question, and the operating point the out-of-fold scores give. */
    String fitted(EvaluationReport report) {
        CrossValidation.Procedure procedure = procedure();
        LogisticRegression.Fit fit = procedure.fit(report.questions()).model();
        List<Double> outOfFold = report.questions().stream()
                .filter(EvaluationReport.QuestionResult::answerable)
                .map(q -> report.folds().outOfFoldScores().get(q.id()))
                .toList();
        double point = CrossValidation.operatingPoint(outOfFold, procedure.confidentTarget());
        StringBuilder weights = new StringBuilder();
        for (int i = 0; i < fit.weights().length; i++) {
            weights.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", fit.weights()[i]));
        }
        return String.format(
                Locale.ROOT,
                "%nConfidence model fitted on all %d questions (signals %s; penalty %s):%n"
                        + "  new ConfidenceModel(%.4f, new double[] {%s})%n"
                        + "  (weights in the order %s)%n"
                        + "Operating point from out-of-fold scores (keeps %.2f of answerable confident): %.3f%n",
                report.questions().size(),
                String.join(", ", signals),
                penalty,
                fit.intercept(),
                weights,
                String.join(", ", ConfidenceSignals.NAMES),
                procedure.confidentTarget(),
                point);
    }

    private int selectAmong(List<GoldQuestion> gold) throws IOException {
        if (folds == 0) {
            System.err.println("--select needs --folds");
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<CrossValidation.Candidate> candidates = new java.util.ArrayList<>();
        for (Path file : select) {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(file.toFile());
            List<EvaluationReport.QuestionResult> results = mapper.convertValue(
                    node.get("questions"),
                    mapper.getTypeFactory().constructCollectionType(List.class, EvaluationReport.QuestionResult.class));
            candidates.add(new CrossValidation.Candidate(file.getFileName().toString(), results));
        }
        CrossValidation.Selection selection;
        try {
            selection = CrossValidation.select(candidates, folds, seed);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(selection));
            return 0;
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d-fold cross-validation (seed %d) of %d candidates on %d questions%n%n",
                folds,
                seed,
                candidates.size(),
                gold.size()));
        out.append(String.format(
                Locale.ROOT,
                "%-40s %13s %13s %13s %13s %13s%n",
                "candidate",
                "Hit@1",
                "Hit@5",
                "MRR@10",
                "nDCG@10",
                "IoU@1"));
        selection.candidates().forEach((name, figures) -> figureRow(out, name, figures));
        figureRow(out, "chosen per fold (held-out)", selection.figures());
        out.append("Chosen per fold: ").append(selection.chosenPerFold()).append('\n');
        System.out.print(out);
        return 0;
    }

    /** The per-question results of a report written with {@code --json}. */
    private static List<EvaluationReport.QuestionResult> readResults(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(file.toFile());
        if (node.get("questions") == null) {
            throw new IOException(file + " is not a report written by eval --json");
        }
        return mapper.convertValue(
                node.get("questions"),
                mapper.getTypeFactory().constructCollectionType(List.class, EvaluationReport.QuestionResult.class));
    }

    private static void figureRow(StringBuilder out, String name, Map<String, CrossValidation.Figure> figures) {
        out.append(String.format(Locale.ROOT, "%-40s", name));
        for (String figure : List.of("hitAt1", "hitAt5", "mrrAt10", "ndcgAt10", "iouAt1")) {
            CrossValidation.Figure f = figures.get(figure);
            out.append(String.format(Locale.ROOT, " %6.3f±%.3f", f.mean(), f.spread()));
        }
        out.append('\n');
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
        out.append(String.format(
                Locale.ROOT,
                "%-14s %5s %7s %7s %7s %7s %7s%n",
                "kind",
                "n",
                "Hit@1",
                "Hit@5",
                "MRR@10",
                "nDCG@10",
                "IoU@1"));
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
                        "  %-6s %-11s rank %-2d confident %-5s score %.3f sim %.3f  %s%n",
                        q.id(),
                        q.kind(),
                        q.rank(),
                        q.confident(),
                        q.confidence(),
                        q.bestSimilarity(),
                        q.question())));
        if (report.folds() != null) {
            CrossValidation.Report cv = report.folds();
            out.append(String.format(
                    Locale.ROOT,
                    "%n%d-fold cross-validation (seed %d): mean ± spread (standard deviation across folds)%n",
                    cv.folds(),
                    cv.seed()));
            cv.figures()
                    .forEach((name, f) -> out.append(
                            String.format(Locale.ROOT, "  %-27s %.3f ± %.3f%n", name, f.mean(), f.spread())));
            out.append(String.format(
                    Locale.ROOT,
                    "  (unanswerableFlagged, answerableConfident: confidence model refitted without the fold;"
                            + " served*: as the service answered)%n  out-of-fold log loss %.3f%n"
                            + "%nReliability of out-of-fold confidence scores:%n  %-11s %9s %10s%n",
                    cv.logLoss(),
                    "score",
                    "questions",
                    "answerable"));
            for (CrossValidation.Band band : cv.reliability()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %.1f - %.1f   %9d %10s%n",
                        band.from(),
                        band.to(),
                        band.questions(),
                        band.questions() == 0
                                ? "-"
                                : String.format(Locale.ROOT, "%.2f", band.answerable() / (double) band.questions())));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Metrics metrics) {
        out.append(String.format(
                Locale.ROOT,
                "%-14s %5d %7.3f %7.3f %7.3f %7.3f %7.3f%n",
                label,
                metrics.questions(),
                metrics.hitAt1(),
                metrics.hitAt5(),
                metrics.mrrAt10(),
                metrics.ndcgAt10(),
                metrics.iouAt1()));
    }
}
