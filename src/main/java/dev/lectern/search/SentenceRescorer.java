package dev.lectern.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.embedding.ModelAdmission;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.store.PassageHit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Small to big: the best results are reordered by how closely their single best sentence matches the question, not
 * only the passage as a whole, and the whole passage is still what is returned. A passage that states the answer in
 * one sentence among others on neighbouring topics embeds as an average of them all and can rank below a passage
 * that talks around the question; its best sentence does not average.
 *
 * <p>Sentence vectors are computed with the passage model the first time a passage is a candidate and kept (bounded),
 * so a lecture's passages cost their sentences' inference once, not per question.
 */
@ApplicationScoped
public class SentenceRescorer {

    /** Passages whose sentence vectors are kept: a few hundred lectures' worth. */
    private static final int CACHED_PASSAGES = 50_000;

    /** Which passage a set of sentence vectors belongs to. */
    private record PassageKey(String lectureId, long startMillis, String text) {}

    private final SentenceEmbedder embedder;
    private final ModelAdmission limit;
    private final Cache<PassageKey, float[][]> sentenceVectors = Caffeine.newBuilder()
            .maximumSize(CACHED_PASSAGES)
            // Evict on the caller's thread, as the other caches do: the common pool would preempt inference.
            .executor(Runnable::run)
            .build();

    SentenceRescorer(SentenceEmbedder embedder, ModelAdmission limit) {
        this.embedder = embedder;
        this.limit = limit;
    }

    /**
     * The first {@code depth} hits reordered by {@code score + weight × best sentence similarity} (the rest keep
     * their order after them); their scores become that sum, so results stay ordered by score.
     */
    List<PassageHit> rescore(float[] question, List<PassageHit> bestFirst, int depth, double weight) {
        int n = Math.min(depth, bestFirst.size());
        if (n < 2 || weight <= 0) {
            return bestFirst;
        }
        List<PassageHit> head = bestFirst.subList(0, n);
        embedMissing(head);
        List<PassageHit> rescored = new ArrayList<>(bestFirst.size());
        for (PassageHit hit : head) {
            float[][] vectors = sentenceVectors.getIfPresent(key(hit));
            double best = 0;
            if (vectors != null) {
                for (float[] vector : vectors) {
                    best = Math.max(best, dot(question, vector));
                }
            }
            rescored.add(new PassageHit(
                    hit.lectureId(),
                    hit.passage(),
                    hit.score() + weight * best,
                    hit.vectorSimilarity(),
                    hit.vectorRank(),
                    hit.keywordRank()));
        }
        rescored.sort(Comparator.comparingDouble(PassageHit::score).reversed());
        rescored.addAll(bestFirst.subList(n, bestFirst.size()));
        return rescored;
    }

    /** Embeds, in one batch, the sentences of the hits whose vectors are not kept yet. */
    private void embedMissing(List<PassageHit> hits) {
        List<PassageKey> missing = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (PassageHit hit : hits) {
            PassageKey key = key(hit);
            if (sentenceVectors.getIfPresent(key) != null || missing.contains(key)) {
                continue;
            }
            List<TimedSentence> of = Sentences.of(hit.passage());
            missing.add(key);
            counts.add(of.size());
            of.forEach(s -> sentences.add(s.text()));
        }
        if (sentences.isEmpty()) {
            return;
        }
        List<float[]> vectors = limit.underLimit(() -> embedder.embedPassages(sentences));
        int next = 0;
        for (int i = 0; i < missing.size(); i++) {
            float[][] own = new float[counts.get(i)][];
            for (int j = 0; j < own.length; j++) {
                own[j] = vectors.get(next++);
            }
            sentenceVectors.put(missing.get(i), own);
        }
    }

    private static PassageKey key(PassageHit hit) {
        return new PassageKey(
                hit.lectureId(), hit.passage().startMillis(), hit.passage().text());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
