package dev.lectern.store.qdrant;

import dev.lectern.store.TextAnalysis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;

/**
 * BM25 as Qdrant sparse vectors, with the embedded store's analysis ({@link TextAnalysis}): Lectern computes
 * each term's saturated, length-normalised frequency, and Qdrant multiplies in the inverse document frequency
 * (the collection's sparse vector uses the {@code idf} modifier) when it scores a query.
 *
 * <p>A passage's weight for term {@code t}, with frequency {@code tf} among the passage's {@code len} terms:
 *
 * <pre>
 *   w(t) = tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avgLen))      k1 = 1.2, b = 0.75
 * </pre>
 *
 * and a query's weight is 1 per distinct word and {@link TextAnalysis#SOUND_WEIGHT} per distinct sound code, so
 * the dot product Qdrant computes is the BM25 sum of the embedded store's query. Words and sounds are separate
 * term namespaces: the id of a term is a stable 31-bit FNV-1a hash of {@code "w:" + stem} or {@code "s:" + code}.
 * Two terms that collide share a weight; with a few thousand distinct terms per corpus that is rare and only
 * ever adds a little keyword score. Changing the hash or the analysis requires a rebuild of the collection.
 */
final class SparseTerms {

    static final double K1 = 1.2;
    static final double B = 0.75;

    private static final String WORDS = "w:";
    private static final String SOUNDS = "s:";

    private final Analyzer words = TextAnalysis.words();
    private final Analyzer sounds = TextAnalysis.sounds();

    /** Ids and weights, ids ascending and distinct. */
    record Sparse(int[] indices, float[] values) {

        Sparse {
            if (indices.length != values.length) {
                throw new IllegalArgumentException(
                        "indices and values differ in length: " + indices.length + " vs " + values.length);
            }
        }

        boolean isEmpty() {
            return indices.length == 0;
        }

        List<Integer> indexList() {
            return Arrays.stream(indices).boxed().toList();
        }

        List<Float> valueList() {
            Float[] boxed = new Float[values.length];
            for (int i = 0; i < values.length; i++) {
                boxed[i] = values[i];
            }
            return List.of(boxed);
        }

        /** Sum of weight products over shared ids: how much two sparse vectors overlap. */
        double dot(Sparse other) {
            double sum = 0;
            int i = 0;
            int j = 0;
            while (i < indices.length && j < other.indices.length) {
                if (indices[i] == other.indices[j]) {
                    sum += (double) values[i] * other.values[j];
                    i++;
                    j++;
                } else if (indices[i] < other.indices[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return sum;
        }

        static Sparse of(Map<Integer, Float> weights) {
            TreeMap<Integer, Float> sorted = new TreeMap<>(weights);
            int[] indices = new int[sorted.size()];
            float[] values = new float[sorted.size()];
            int n = 0;
            for (Map.Entry<Integer, Float> entry : sorted.entrySet()) {
                indices[n] = entry.getKey();
                values[n] = entry.getValue();
                n++;
            }
            return new Sparse(indices, values);
        }
    }

    /**
     * The average passage length, in analysed terms, that BM25 normalises against: a fixed estimate from the
     * passage size rather than a corpus statistic, so that a passage's weights never change when other lectures
     * come and go. About half of a passage's model tokens survive as stemmed words that are not stop words.
     */
    static double averageLength(int passageTargetTokens) {
        return Math.max(8, passageTargetTokens / 2.0);
    }

    /** A passage's BM25 term weights, words and sounds. */
    Sparse document(String text, double averageLength) {
        Map<Integer, Float> weights = new LinkedHashMap<>();
        addDocumentTerms(weights, WORDS, TextAnalysis.terms(words, text), averageLength);
        addDocumentTerms(weights, SOUNDS, TextAnalysis.terms(sounds, text), averageLength);
        return Sparse.of(weights);
    }

    /** A question's term weights: 1 per distinct word, {@link TextAnalysis#SOUND_WEIGHT} per sound code. */
    Sparse query(String text) {
        Map<Integer, Float> weights = new LinkedHashMap<>();
        for (String term : new LinkedHashSet<>(TextAnalysis.terms(words, text))) {
            weights.merge(termId(WORDS + term), 1f, Float::sum);
        }
        for (String code : new LinkedHashSet<>(TextAnalysis.terms(sounds, text))) {
            weights.merge(termId(SOUNDS + code), TextAnalysis.SOUND_WEIGHT, Float::sum);
        }
        return Sparse.of(weights);
    }

    private static void addDocumentTerms(
            Map<Integer, Float> weights, String namespace, List<String> terms, double averageLength) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        for (String term : terms) {
            frequencies.merge(term, 1, Integer::sum);
        }
        double norm = K1 * (1 - B + B * terms.size() / averageLength);
        for (Map.Entry<String, Integer> entry : frequencies.entrySet()) {
            double tf = entry.getValue();
            float weight = (float) (tf * (K1 + 1) / (tf + norm));
            weights.merge(termId(namespace + entry.getKey()), weight, Float::sum);
        }
    }

    /** 31-bit FNV-1a of the UTF-8 bytes: stable across JVMs and releases, unlike {@link String#hashCode()}. */
    static int termId(String namespacedTerm) {
        int hash = 0x811C9DC5;
        for (byte b : namespacedTerm.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return hash & 0x7FFFFFFF;
    }
}
