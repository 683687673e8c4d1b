package dev.lectern.search;

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
 * <p>Sentence vectors come from {@link SentenceVectors}, which keeps them, so a lecture's passages cost their
 * sentences' inference once, not per question.
 */
@ApplicationScoped
public class SentenceRescorer {

    private final SentenceVectors sentenceVectors;

    SentenceRescorer(SentenceVectors sentenceVectors) {
        this.sentenceVectors = sentenceVectors;
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
        // All the head's sentences in one call: the missing ones are embedded in one batch.
        List<List<TimedSentence>> sentencesOfHit =
                head.stream().map(hit -> Sentences.of(hit.passage())).toList();
        List<float[]> vectors = sentenceVectors.of(sentencesOfHit.stream()
                .flatMap(List::stream)
                .map(TimedSentence::text)
                .toList());
        List<PassageHit> rescored = new ArrayList<>(bestFirst.size());
        int next = 0;
        for (int h = 0; h < n; h++) {
            PassageHit hit = head.get(h);
            double best = 0;
            for (int s = 0; s < sentencesOfHit.get(h).size(); s++) {
                best = Math.max(best, SentenceVectors.similarity(question, vectors.get(next++)));
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
}
