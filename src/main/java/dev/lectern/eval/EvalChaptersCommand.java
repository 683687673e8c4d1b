package dev.lectern.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lectern.chapter.ChapterInputException;
import dev.lectern.chapter.Outline;
import dev.lectern.chapter.ProvidedChapter;
import dev.lectern.chapter.ProvidedChapters;
import dev.lectern.ingest.OutlineService;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.ClockTime;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eval-chapters}: compares a lecture's chapters, as the service holds them, with a gold outline, and prints
 * boundary precision and recall within a tolerance, Pk and WindowDiff, and both outlines side by side.
 */
@Command(
        name = "eval-chapters",
        mixinStandardHelpOptions = true,
        description =
                "Score a lecture's chapters against a gold outline: JSON [{\"start\":\"HH:MM:SS\",\"title\":\"...\"}]"
                        + " (see docs/chapters.md).")
public final class EvalChaptersCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUTLINE", description = "Gold outline file, JSON.")
    Path outline;

    @Option(
            names = "--lecture",
            description = "Lecture id (default: the sample lecture, cs25-ming-ding-multimodal-pretraining).")
    String lecture = "cs25-ming-ding-multimodal-pretraining";

    @Option(names = "--tolerance", description = "Seconds a boundary may be off and still count (default: 90).")
    double toleranceSeconds = 90;

    @Option(
            names = "--data-dir",
            description = "Index to evaluate (default: lectern.data-dir). An empty one is seeded with the configured"
                    + " lectures first.")
    Path dataDir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    private static EvalChaptersCommand current;
    private static List<ProvidedChapter> currentGold;

    /** What the command prints: the scores and both outlines. */
    public record Report(
            String lectureId,
            double toleranceSeconds,
            SegmentationMetrics metrics,
            List<String> computed,
            List<String> gold) {}

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(outline)) {
            System.err.println("Cannot read the outline file " + outline.toAbsolutePath());
            return 2;
        }
        if (!(toleranceSeconds >= 0)) {
            System.err.println("--tolerance must be >= 0 seconds, was " + toleranceSeconds);
            return 2;
        }
        try {
            currentGold = ProvidedChapters.fromJson(Files.readAllBytes(outline), Long.MAX_VALUE);
        } catch (ChapterInputException e) {
            System.err.println(outline + ": " + e.getMessage());
            return 2;
        }
        if (dataDir != null) {
            System.setProperty("lectern.data-dir", dataDir.toAbsolutePath().toString());
        }
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        System.setProperty("quarkus.log.console.stderr", "true");
        current = this;
        int[] exit = {0};
        Quarkus.run(Application.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("Evaluation failed: " + failure.getMessage());
                exit[0] = 1;
            } else {
                exit[0] = code;
            }
        });
        return exit[0];
    }

    /** Runs the comparison inside the started service. */
    public static final class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            EvalChaptersCommand command = current;
            PassageStore store = Arc.container().instance(PassageStore.class).get();
            OutlineService outlines =
                    Arc.container().instance(OutlineService.class).get();
            Lecture lecture = store.lecture(command.lecture).orElse(null);
            if (lecture == null) {
                System.err.println(new LectureNotFoundException(command.lecture).getMessage());
                return 2;
            }
            Report report = compare(lecture, outlines.outline(command.lecture), currentGold, command.toleranceSeconds);
            System.out.println(command.json ? json(report) : text(report));
            return 0;
        }
    }

    /** Scores {@code computed} against {@code gold}. */
    static Report compare(Lecture lecture, Outline computed, List<ProvidedChapter> gold, double toleranceSeconds) {
        long end = Math.round(lecture.durationSeconds() * 1000);
        List<Long> predicted =
                computed.chapters().stream().skip(1).map(c -> c.startMillis()).toList();
        List<Long> goldBoundaries = gold.stream()
                .map(ProvidedChapter::startMillis)
                .filter(start -> start > computed.chapters().get(0).startMillis())
                .toList();
        SegmentationMetrics metrics = SegmentationMetrics.score(
                goldBoundaries,
                predicted,
                computed.chapters().get(0).startMillis(),
                end,
                Math.round(toleranceSeconds * 1000));
        List<String> computedLines = new ArrayList<>();
        computed.chapters().forEach(c -> computedLines.add(line(c.startMillis(), c.title())));
        List<String> goldLines = new ArrayList<>();
        gold.forEach(g -> goldLines.add(line(g.startMillis(), g.title())));
        return new Report(lecture.id(), toleranceSeconds, metrics, computedLines, goldLines);
    }

    private static String line(long millis, String title) {
        return "[" + ClockTime.formatWithoutMillis(millis) + "] " + title;
    }

    static String json(Report report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Report report) {
        SegmentationMetrics m = report.metrics();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Lecture %s%n", report.lectureId()));
        out.append(String.format(
                Locale.ROOT,
                "Boundaries within %.0f s: precision %.3f (%d of %d computed), recall %.3f (%d of %d gold), F1 %.3f%n",
                report.toleranceSeconds(),
                m.precision(),
                m.matched(),
                m.predictedBoundaries(),
                m.recall(),
                m.matched(),
                m.goldBoundaries(),
                m.f1()));
        out.append(String.format(
                Locale.ROOT,
                "Pk %.3f, WindowDiff %.3f (k = %.0f s; lower is better)%n%n",
                m.pk(),
                m.windowDiff(),
                m.windowSeconds()));
        out.append("Computed:\n");
        report.computed().forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("Gold:\n");
        report.gold().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }
}
