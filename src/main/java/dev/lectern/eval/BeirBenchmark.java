package dev.lectern.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.embedding.SentenceEmbedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Dense retrieval on a BEIR test collection, measured the way MTEB measures it, so that Lectern's embedding
 * pipeline can be compared with published scores: document text {@code (title + " " + text).strip()}, exact cosine
 * over the whole corpus (a dot product, as all vectors are L2-normalised), nDCG@10 as trec_eval's
 * {@code ndcg_cut.10}, Recall@100 as trec_eval's {@code recall_100}, averaged over the test queries.
 */
final class BeirBenchmark {

    static final int NDCG_DEPTH = 10;
    static final int MRR_DEPTH = 10;
    static final int RECALL_DEPTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BeirBenchmark() {}

    /** A corpus document, its text already joined as MTEB joins it. */
    record Doc(String id, String text) {}

    /** A test query and its relevance judgements (doc id to grade). */
    record Query(String id, String text, Map<String, Integer> relevant) {}

    /**
     * A BEIR collection: the whole corpus and the test queries, in the order they first appear in
     * {@code qrels/test.tsv}.
     */
    record Dataset(Path corpusFile, List<Doc> docs, List<Query> queries) {}

    /** Scores of one run, averaged over the queries that have at least one relevant document. */
    record Scores(double ndcgAt10, double recallAt100, double mrrAt10, int queriesScored) {}

    /** What was measured, and how fast. */
    record Result(
            Scores scores,
            int docs,
            double corpusSeconds,
            boolean corpusFromCache,
            double queryMedianMs,
            Map<String, List<String>> rankings) {

        double docsPerSecond() {
            return corpusSeconds > 0 ? docs / corpusSeconds : 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Loading

    /**
     * Reads {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/test.tsv} from a BEIR folder.
     *
     * @param queryLimit keep only the first this many test queries; 0 or less keeps all
     * @throws IllegalArgumentException when a file is missing or malformed, with a message naming it
     */
    static Dataset load(Path dir, int queryLimit) {
        Path corpusFile = dir.resolve("corpus.jsonl");
        Path queriesFile = dir.resolve("queries.jsonl");
        Path qrelsFile = dir.resolve("qrels").resolve("test.tsv");
        for (Path p : List.of(corpusFile, queriesFile, qrelsFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(
                        "not a BEIR dataset folder: " + p.toAbsolutePath() + " does not exist");
            }
        }
        Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
        List<String> queryIds = new ArrayList<>(qrels.keySet());
        if (queryLimit > 0 && queryLimit < queryIds.size()) {
            queryIds = queryIds.subList(0, queryLimit);
        }
        Map<String, String> queryTexts = new HashMap<>();
        readJsonLines(queriesFile, node -> queryTexts.put(text(node, "_id"), text(node, "text")));
        List<Query> queries = new ArrayList<>(queryIds.size());
        for (String id : queryIds) {
            String text = queryTexts.get(id);
            if (text == null) {
                throw new IllegalArgumentException(
                        "query " + id + " is judged in " + qrelsFile + " but not in " + queriesFile);
            }
            queries.add(new Query(id, text, Collections.unmodifiableMap(qrels.get(id))));
        }
        List<Doc> docs = new ArrayList<>();
        // MTEB's document text: title and text joined by a space, stripped (no title gives just the text).
        readJsonLines(
                corpusFile,
                node -> docs.add(new Doc(text(node, "_id"), (text(node, "title") + " " + text(node, "text")).strip())));
        return new Dataset(corpusFile, List.copyOf(docs), List.copyOf(queries));
    }

    /** Judgements by query, in the order queries first appear; the header line is skipped. */
    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3) {
                    throw new IllegalArgumentException(
                            file + " line " + number + ": expected query-id, corpus-id, score separated by tabs");
                }
                int grade;
                try {
                    grade = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": score is not an integer", e);
                }
                qrels.computeIfAbsent(fields[0], q -> new LinkedHashMap<>()).put(fields[1], grade);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return qrels;
    }

    private interface LineHandler {
        void accept(JsonNode node);
    }

    private static void readJsonLines(Path file, LineHandler handler) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": not JSON: " + e.getMessage(), e);
                }
                handler.accept(node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running

    /**
     * Embeds the corpus (or takes its vectors from the cache) and the test queries, ranks the whole corpus for
     * each query and scores the rankings.
     *
     * @param cache where corpus vectors are kept between runs; {@code null} embeds every time
     */
    static Result run(SentenceEmbedder embedder, Dataset dataset, CorpusEmbeddingCache cache) {
        List<Doc> docs = dataset.docs();
        List<String> docIds = docs.stream().map(Doc::id).toList();
        CorpusEmbeddingCache.Entry cached = cache == null ? null : cache.read(docIds, embedder.dimension());
        float[][] docVectors;
        double corpusSeconds;
        if (cached != null) {
            docVectors = cached.vectors();
            corpusSeconds = cached.embedSeconds();
        } else {
            long started = System.nanoTime();
            List<float[]> vectors =
                    embedder.embedPassages(docs.stream().map(Doc::text).toList());
            corpusSeconds = (System.nanoTime() - started) / 1e9;
            docVectors = vectors.toArray(new float[0][]);
            if (cache != null) {
                cache.write(docIds, docVectors, corpusSeconds);
            }
        }

        // Questions are embedded one at a time on this thread, as the search API does, so the median is the
        // latency a user's question pays.
        double[] queryMs = new double[dataset.queries().size()];
        float[][] queryVectors = new float[queryMs.length][];
        for (int i = 0; i < queryMs.length; i++) {
            long started = System.nanoTime();
            queryVectors[i] = embedder.embedQuery(dataset.queries().get(i).text());
            queryMs[i] = (System.nanoTime() - started) / 1e6;
        }

        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (int i = 0; i < queryVectors.length; i++) {
            rankings.put(dataset.queries().get(i).id(), rank(queryVectors[i], docVectors, docIds::get, RECALL_DEPTH));
        }
        return new Result(
                score(dataset.queries(), rankings),
                docs.size(),
                corpusSeconds,
                cached != null,
                median(queryMs),
                rankings);
    }

    /**
     * The ids of the {@code depth} documents most similar to {@code query}, best first, by exact dot product over
     * every document. Equal scores are ordered as trec_eval orders them (doc id descending), so a run is
     * deterministic and evaluates exactly as trec_eval would evaluate it.
     */
    static List<String> rank(float[] query, float[][] docs, IntFunction<String> idOf, int depth) {
        double[] scores = new double[docs.length];
        for (int d = 0; d < docs.length; d++) {
            scores[d] = dot(query, docs[d]);
        }
        Integer[] order = new Integer[docs.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            int byScore = Double.compare(scores[b], scores[a]);
            return byScore != 0 ? byScore : idOf.apply(b).compareTo(idOf.apply(a));
        });
        List<String> ranking = new ArrayList<>(Math.min(depth, order.length));
        for (int i = 0; i < order.length && i < depth; i++) {
            ranking.add(idOf.apply(order[i]));
        }
        return ranking;
    }

    private static double dot(float[] a, float[] b) {
        // Summed in float, like the float32 matrix product MTEB uses; the order of magnitude of the error
        // (1e-7) is far below the score gaps that decide rankings.
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Metrics

    /**
     * Averages the metrics over the queries with at least one relevant document (grade above 0); the others are
     * skipped, as trec_eval skips queries without relevant documents.
     */
    static Scores score(List<Query> queries, Map<String, List<String>> rankings) {
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        int scored = 0;
        for (Query query : queries) {
            if (query.relevant().values().stream().noneMatch(g -> g > 0)) {
                continue;
            }
            List<String> ranking = rankings.getOrDefault(query.id(), List.of());
            ndcg += ndcgAt(ranking, query.relevant(), NDCG_DEPTH);
            recall += recallAt(ranking, query.relevant(), RECALL_DEPTH);
            mrr += reciprocalRankAt(ranking, query.relevant(), MRR_DEPTH);
            scored++;
        }
        return scored == 0 ? new Scores(0, 0, 0, 0) : new Scores(ndcg / scored, recall / scored, mrr / scored, scored);
    }

    /**
     * nDCG at {@code depth} as trec_eval's {@code ndcg_cut}: the gain of a document is its relevance grade and the
     * document at rank i (from 1) is discounted by log2(i + 1); the ideal ranking is built from all the query's
     * judgements. trec_eval uses the grade itself as gain, not 2^grade - 1 as some libraries do; for binary
     * judgements (all of SciFact's are 1) the two are identical. Returns 0 when nothing is relevant.
     */
    static double ndcgAt(List<String> ranking, Map<String, Integer> relevant, int depth) {
        double dcg = 0;
        for (int i = 0; i < ranking.size() && i < depth; i++) {
            int grade = relevant.getOrDefault(ranking.get(i), 0);
            if (grade > 0) {
                dcg += grade / log2(i + 2);
            }
        }
        int[] ideal = relevant.values().stream()
                .filter(g -> g > 0)
                .sorted(Collections.reverseOrder())
                .mapToInt(Integer::intValue)
                .toArray();
        double idcg = 0;
        for (int i = 0; i < ideal.length && i < depth; i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Relevant documents among the first {@code depth}, over all relevant documents (trec_eval's recall_k). */
    static double recallAt(List<String> ranking, Map<String, Integer> relevant, int depth) {
        long total = relevant.values().stream().filter(g -> g > 0).count();
        if (total == 0) {
            return 0;
        }
        int found = 0;
        for (int i = 0; i < ranking.size() && i < depth; i++) {
            if (relevant.getOrDefault(ranking.get(i), 0) > 0) {
                found++;
            }
        }
        return (double) found / total;
    }

    /** 1 / rank of the first relevant document within the first {@code depth}, else 0. */
    static double reciprocalRankAt(List<String> ranking, Map<String, Integer> relevant, int depth) {
        for (int i = 0; i < ranking.size() && i < depth; i++) {
            if (relevant.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
