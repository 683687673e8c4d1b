package dev.lectern.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.embedding.ModelAdmission;
import dev.lectern.embedding.SentenceEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Vectors of single sentences of the best passages, for comparing them with a question (the extractive answer of
 * {@code /api/ask}, its confidence signals and small-to-big rescoring). Kept by text, up to
 * {@code lectern.search.sentence-vector-cache-size}: the best passages of one lecture answer many questions, and
 * embedding their sentences (a dozen model calls or more per answer) would otherwise be most of an answer's cost.
 * A sentence's vector depends only on its text and the model, which is fixed for the life of the process, so an
 * entry never goes stale (with {@code lectern.embedding.batch-size} above 1 it may differ in its last digits from
 * the same sentence embedded beside other ones).
 */
@ApplicationScoped
public class SentenceVectors {

    private final SentenceEmbedder embedder;
    private final ModelAdmission limit;
    private final Cache<String, float[]> byText;

    SentenceVectors(SentenceEmbedder embedder, ModelAdmission limit, SearchConfig config) {
        this.embedder = embedder;
        this.limit = limit;
        this.byText = Caffeine.newBuilder()
                .maximumSize(config.sentenceVectorCacheSize())
                // Evict on the caller's thread: handed to the common pool, it would preempt inference.
                .executor(Runnable::run)
                .build();
    }

    /** The vectors of some sentences, in order: kept ones, the rest embedded in one call under the model limit. */
    List<float[]> of(List<String> sentences) {
        List<float[]> vectors = new ArrayList<>(sentences.size());
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String sentence : sentences) {
            float[] known = byText.getIfPresent(sentence);
            vectors.add(known);
            if (known == null) {
                missing.add(sentence);
            }
        }
        if (missing.isEmpty()) {
            return vectors;
        }
        List<String> distinct = List.copyOf(missing);
        List<float[]> embedded = limit.underLimit(() -> embedder.embedPassages(distinct));
        Map<String, float[]> fresh = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            fresh.put(distinct.get(i), embedded.get(i));
            byText.put(distinct.get(i), embedded.get(i));
        }
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i) == null) {
                vectors.set(i, fresh.get(sentences.get(i)));
            }
        }
        return vectors;
    }

    /** The cosine of two unit-length vectors. */
    static double similarity(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
