package dev.lectern.bench;

import dev.lectern.chapter.ChapterSettings;
import dev.lectern.chapter.Outline;
import dev.lectern.chapter.OutlineMaker;
import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.ModelSpec;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.passage.Passage;
import dev.lectern.passage.PassageChunker;
import dev.lectern.passage.PassageSettings;
import dev.lectern.transcript.Segment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What chapters add to ingest, as a share of embedding: in one run, the default lecture's passages embedded as
 * ingestion embeds them ({@code embedPassages}), and its chapters computed from those passages and vectors
 * ({@code outline}: topic boundaries, key phrases and the model's ranking of them, titles), and the same
 * without the model's ranking ({@code outlineWithoutModel}). Ratio = outline / embedPassages.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChapterBenchmark {

    /** The default lecture, cut and embedded once. */
    @State(Scope.Benchmark)
    public static class Lecture {
        @Param({"all-minilm-l6-v2-q"})
        public String model;

        SentenceEmbedder embedder;
        List<Segment> segments;
        List<Passage> passages;
        List<String> texts;
        List<float[]> vectors;
        OutlineMaker maker;
        OutlineMaker makerWithoutModel;

        @Setup(Level.Trial)
        public void load() {
            ModelSpec spec = BuiltInModel.byId(model).orElseThrow().spec();
            // What EmbeddingProducer builds with the default settings; passages as PassagePipeline cuts them.
            embedder = new SentenceEmbedder(
                    spec, EmbedderOptions.DEFAULTS.withParallelism(Runtime.getRuntime().availableProcessors()));
            segments = DefaultLecture.segments();
            int maxTokens = spec.maxTokens() - embedder.passageOverheadTokens();
            passages = new PassageChunker(new PassageSettings(maxTokens, Math.min(88, maxTokens), 36, 10_000, 45_000), embedder)
                    .chunk(segments);
            texts = passages.stream().map(Passage::text).toList();
            vectors = embedder.embedPassages(texts);
            maker = new OutlineMaker(ChapterSettings.defaults(), embedder::embedPhrases);
            int dimension = embedder.dimension();
            makerWithoutModel = new OutlineMaker(ChapterSettings.defaults(), phrases -> phrases.stream()
                    .map(phrase -> new float[dimension])
                    .toList());
            System.out.println("\nChapters of the default lecture: "
                    + maker.compute(segments, passages, vectors).chapters().size() + " from " + passages.size()
                    + " passages");
        }

        @TearDown(Level.Trial)
        public void close() {
            embedder.close();
        }
    }

    @Benchmark
    public List<float[]> embedPassages(Lecture lecture) {
        return lecture.embedder.embedPassages(lecture.texts);
    }

    @Benchmark
    public Outline outline(Lecture lecture) {
        return lecture.maker.compute(lecture.segments, lecture.passages, lecture.vectors);
    }

    /** The same outline with the key phrases not embedded: what boundaries, statistics and titles cost alone. */
    @Benchmark
    public Outline outlineWithoutModel(Lecture lecture) {
        return lecture.makerWithoutModel.compute(lecture.segments, lecture.passages, lecture.vectors);
    }
}
