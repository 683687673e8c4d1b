package dev.lectern.bench;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.ModelSpec;
import dev.lectern.embedding.ModelAdmission;
import dev.lectern.embedding.SentenceEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Embedding: Lectern against raw ONNX Runtime in its best configuration, same model, same passages of the default
 * lecture, same JVM settings, in one run (docs/performance.md).
 *
 * <ul>
 *   <li>{@code passagesRawOrt}: every passage of the default lecture, one ONNX Runtime session with 1 intra-op
 *       thread called by as many Java threads as there are cores, batch 1. The ceiling.
 *   <li>{@code passagesLectern}: the same passages through {@link SentenceEmbedder#embedPassages}, as ingestion
 *       runs it with the default settings. Ratio = passagesRawOrt time / passagesLectern time.
 *   <li>{@code queryRawOrt}: one question on a second session with 2 intra-op threads (the fastest single query).
 *   <li>{@code queriesPerSecondRawOrt}: questions per second on all cores, raw, 1 intra-op thread per call.
 *   <li>{@code queryLectern}: one question through {@link ModelAdmission} with the cache off, as {@code /api/search}
 *       embeds it (alone, so on Lectern's query session of min(2, cores) threads).
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class EmbeddingBenchmark {

    /** Model and both embedders; {@code model} defaults to Lectern's default. */
    @State(Scope.Benchmark)
    public static class Passages {
        @Param({"all-minilm-l6-v2-q"})
        public String model;

        List<String> texts;
        SentenceEmbedder lectern;
        RawOrt raw;
        ExecutorService threads;
        int cores = Runtime.getRuntime().availableProcessors();

        @Setup(Level.Trial)
        public void load() throws Exception {
            ModelSpec spec = BuiltInModel.byId(model).orElseThrow().spec();
            // What EmbeddingProducer builds with the default settings.
            lectern = new SentenceEmbedder(spec, EmbedderOptions.DEFAULTS.withParallelism(cores));
            raw = new RawOrt(spec, 1);
            texts = DefaultLecture.passageTexts(lectern).stream()
                    .map(t -> spec.passagePrefix() + t)
                    .toList();
            threads = Executors.newFixedThreadPool(cores);
            float[] a = lectern.embedPassages(List.of(texts.get(0).substring(spec.passagePrefix().length())))
                    .get(0);
            float[] b = raw.embed(texts.get(0));
            double cosine = 0;
            for (int d = 0; d < a.length; d++) {
                cosine += a[d] * b[d];
            }
            if (cosine < 0.9999) {
                throw new IllegalStateException("raw and Lectern vectors differ (cosine " + cosine + ")");
            }
            System.out.printf(
                    "%n%d passages of the default lecture, %d cores, model %s%n", texts.size(), cores, model);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            threads.shutdownNow();
            lectern.close();
            raw.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object passagesRawOrt(Passages p) throws Exception {
        AtomicInteger next = new AtomicInteger();
        float[][] out = new float[p.texts.size()][];
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < p.cores; t++) {
            workers.add(p.threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                    out[i] = p.raw.embed(p.texts.get(i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return out;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object passagesLectern(Passages p) {
        return p.lectern.embedPassages(p.texts);
    }

    /** A question session with 2 intra-op threads beside Lectern's default one. */
    @State(Scope.Benchmark)
    public static class Queries {
        @Param({"all-minilm-l6-v2-q"})
        public String model;

        SentenceEmbedder lectern;
        ModelAdmission queries;
        RawOrt raw;
        RawOrt rawSingleThreaded;
        String prefix;
        int next;

        @Setup(Level.Trial)
        public void load() throws Exception {
            ModelSpec spec = BuiltInModel.byId(model).orElseThrow().spec();
            int cores = Runtime.getRuntime().availableProcessors();
            // What EmbeddingProducer builds with the default settings: a query session of min(2, cores) threads.
            lectern = new SentenceEmbedder(
                    spec,
                    EmbedderOptions.DEFAULTS
                            .withQueryIntraOpThreads(Math.min(2, cores))
                            .withParallelism(cores));
            queries = new ModelAdmission(lectern, Runtime.getRuntime().availableProcessors(), 64, 0);
            raw = new RawOrt(spec, 2);
            rawSingleThreaded = new RawOrt(spec, 1);
            prefix = spec.queryPrefix();
        }

        String question() {
            next = (next + 1) % DefaultLecture.QUESTIONS.size();
            return DefaultLecture.QUESTIONS.get(next);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            lectern.close();
            raw.close();
            rawSingleThreaded.close();
        }
    }

    /**
     * Questions per second the model allows on this machine: one question after another on every core, raw ONNX
     * Runtime, one session of 1 intra-op thread. What {@code /api/search} throughput is compared with.
     */
    @Benchmark
    @Threads(Threads.MAX)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[] queriesPerSecondRawOrt(Queries q) throws Exception {
        String question = DefaultLecture.QUESTIONS.get(
                ThreadLocalRandom.current().nextInt(DefaultLecture.QUESTIONS.size()));
        return q.rawSingleThreaded.embed(q.prefix + question);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] queryRawOrt(Queries q) throws Exception {
        return q.raw.embed(q.prefix + q.question());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] queryLectern(Queries q) {
        return q.queries.questionVector(q.question());
    }
}
