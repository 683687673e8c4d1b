package dev.lectern.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.EmbeddingException;
import dev.lectern.embedding.ModelSpec;
import dev.lectern.embedding.SentenceEmbedder;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lectern beir}: measures a built-in embedding model on a BEIR collection (SciFact by default) the way MTEB
 * does, and how fast it embeds, without starting the service. Exit code 0 on success, 2 for a missing dataset or an
 * unknown model, 1 when the model fails.
 */
@Command(
        name = "beir",
        mixinStandardHelpOptions = true,
        description = "Measure an embedding model on a BEIR dataset (nDCG@10, Recall@100, MRR@10) and its speed.")
public final class BeirCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "ID",
            defaultValue = "all-minilm-l6-v2",
            description = "Built-in model id: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = ModelIds.class)
    String model;

    @Option(
            names = "--dataset",
            paramLabel = "DIR",
            defaultValue = "../shared/beir/scifact",
            description = "BEIR folder with corpus.jsonl, queries.jsonl, qrels/test.tsv. Default: ${DEFAULT-VALUE}.")
    Path dataset;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            defaultValue = "data/cache/beir",
            description = "Where corpus vectors are kept between runs. Default: ${DEFAULT-VALUE}.")
    Path cache;

    @Option(names = "--no-cache", description = "Embed the corpus even if its vectors are cached, and keep nothing.")
    boolean noCache;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "0",
            description = "Only the first N test queries (a quick run). Default: all.")
    int queries;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Inference calls at once while embedding the corpus. Default: the number of cores.")
    Integer threads;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "8",
            description = "Documents per inference call (of similar length). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description = "Cut inputs at N tokens instead of the model's own length (to see what a wrong cut costs).")
    Integer maxTokens;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** For picocli's completion candidates and the message about an unknown id. */
    static final class ModelIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(BuiltInModel.values()).map(m -> m.spec().id()).iterator();
        }
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ModelSpec spec = BuiltInModel.byId(model).map(BuiltInModel::spec).orElse(null);
        if (spec == null) {
            err.println("error: unknown model '" + model + "'; built-in models: "
                    + Arrays.stream(BuiltInModel.values())
                            .map(m -> m.spec().id())
                            .collect(Collectors.joining(", ")));
            return 2;
        }
        if (maxTokens != null) {
            spec = new ModelSpec(
                    spec.id(),
                    spec.model(),
                    spec.tokenizer(),
                    spec.pooling(),
                    maxTokens,
                    spec.queryPrefix(),
                    spec.passagePrefix());
        }
        if (!Files.isDirectory(dataset)) {
            err.println("error: dataset folder " + dataset.toAbsolutePath().normalize()
                    + " does not exist; pass --dataset DIR (a BEIR folder with corpus.jsonl, queries.jsonl,"
                    + " qrels/test.tsv)");
            return 2;
        }
        int parallelism = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (parallelism < 1 || batchSize < 1 || queries < 0) {
            err.println("error: --threads and --batch-size must be at least 1, --queries at least 0");
            return 2;
        }

        BeirBenchmark.Dataset data;
        try {
            data = BeirBenchmark.load(dataset, queries);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }

        long loadStarted = System.nanoTime();
        // One ONNX Runtime thread per call and several calls at once: on a few cores this keeps every core busy
        // with less synchronisation than intra-op threading (the service's own default).
        try (SentenceEmbedder embedder = new SentenceEmbedder(
                spec, EmbedderOptions.DEFAULTS.withParallelism(parallelism).withBatchSize(batchSize))) {
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            CorpusEmbeddingCache corpusCache =
                    noCache ? null : new CorpusEmbeddingCache(cache, spec, embedder.dimension(), data.corpusFile());
            if (!json) {
                err.printf(
                        Locale.ROOT,
                        "%s: %d docs, %d test queries; model %s loaded in %.1f s%s%n",
                        dataset,
                        data.docs().size(),
                        data.queries().size(),
                        spec.id(),
                        loadSeconds,
                        corpusCache == null ? "" : "; cache " + corpusCache.file());
            }
            BeirBenchmark.Result result = BeirBenchmark.run(embedder, data, corpusCache);
            if (json) {
                out.println(toJson(spec, embedder.dimension(), parallelism, result));
            } else {
                printText(out, spec, parallelism, result);
            }
            return 0;
        } catch (EmbeddingException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void printText(PrintStream out, ModelSpec spec, int parallelism, BeirBenchmark.Result r) {
        BeirBenchmark.Scores s = r.scores();
        out.printf(
                Locale.ROOT,
                "model      %s (%s pooling, %d tokens, query prefix \"%s\")%n",
                spec.id(),
                spec.pooling().name().toLowerCase(Locale.ROOT),
                spec.maxTokens(),
                spec.queryPrefix());
        out.printf(Locale.ROOT, "dataset    %s: %d queries scored, %d docs%n", dataset, s.queriesScored(), r.docs());
        out.printf(Locale.ROOT, "nDCG@10    %.5f%n", s.ndcgAt10());
        out.printf(Locale.ROOT, "Recall@100 %.5f%n", s.recallAt100());
        out.printf(Locale.ROOT, "MRR@10     %.5f%n", s.mrrAt10());
        out.printf(
                Locale.ROOT,
                "corpus     %.1f docs/s (%.1f s, %d threads, batch %d)%s%n",
                r.docsPerSecond(),
                r.corpusSeconds(),
                parallelism,
                batchSize,
                r.corpusFromCache() ? " [vectors from cache; speed as measured when they were computed]" : "");
        out.printf(Locale.ROOT, "query      %.1f ms median to embed one query%n", r.queryMedianMs());
    }

    private String toJson(ModelSpec spec, int dimension, int parallelism, BeirBenchmark.Result r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", spec.id());
        o.put("pooling", spec.pooling().name().toLowerCase(Locale.ROOT));
        o.put("maxTokens", spec.maxTokens());
        o.put("dimension", dimension);
        o.put("dataset", dataset.toString());
        o.put("queries", r.scores().queriesScored());
        o.put("docs", r.docs());
        o.put("ndcgAt10", r.scores().ndcgAt10());
        o.put("recallAt100", r.scores().recallAt100());
        o.put("mrrAt10", r.scores().mrrAt10());
        o.put("corpusSeconds", r.corpusSeconds());
        o.put("corpusDocsPerSecond", r.docsPerSecond());
        o.put("corpusFromCache", r.corpusFromCache());
        o.put("queryMedianMs", r.queryMedianMs());
        o.put("threads", parallelism);
        o.put("batchSize", batchSize);
        o.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings is always JSON", e);
        }
    }
}
