package dev.lectern.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.passage.Passage;
import dev.lectern.store.TextAnalysis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Picks the sentence of a passage that best matches a question, by the question's words (stemmed) and sounds
 * (for misrecognised names) it contains, rarer terms counting more: the same evidence as the keyword search.
 * Lexical on purpose: it costs microseconds, where embedding every sentence of every result would cost more
 * than the search itself.
 *
 * <p>A passage's sentences and their terms depend only on the passage, and analysing them (stemming, Double
 * Metaphone) cost a search more than its index work did, so they are kept for the most recently used passages.
 */
final class Highlighter {

    /** Sound codes are kept apart from words by this prefix, which no word carries. */
    private static final String SOUND = "~";

    private final Analyzer words = TextAnalysis.words();
    private final Analyzer sounds = TextAnalysis.sounds();
    private final Cache<Passage, AnalysedPassage> analysed;

    /** @param cacheSize passages whose analysed sentences are kept, 0 for none */
    Highlighter(int cacheSize) {
        this(cacheSize, new CompositeMeterRegistry());
    }

    /**
     * @param cacheSize passages whose analysed sentences are kept, 0 for none
     * @param meters receives the cache's hits and misses ({@code cache="highlight-sentences"})
     */
    Highlighter(int cacheSize, MeterRegistry meters) {
        this.analysed = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                // Evict on the caller's thread: Caffeine's default hands that work to the common pool, whose
                // thread then preempts one of the inference threads that keep both cores busy.
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, analysed, "highlight-sentences");
    }

    /** The terms of a question, analysed once for all the passages it is compared with. */
    record Question(Set<String> terms) {}

    /** A passage's sentences with the terms of each, and in how many sentences each term occurs. */
    private record AnalysedPassage(
            List<TimedSentence> sentences, List<Set<String>> sentenceTerms, Map<String, Integer> sentencesWithTerm) {}

    Question question(String text) {
        return new Question(terms(text));
    }

    /** The sentence of {@code passage} that matches {@code question} best; the first one when none matches. */
    TimedSentence best(Question question, Passage passage) {
        AnalysedPassage candidate = analysed.get(passage, this::analyse);
        List<TimedSentence> sentences = candidate.sentences();
        int bestIndex = 0;
        double bestScore = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> sentenceTerms = candidate.sentenceTerms().get(i);
            double score = 0;
            for (String term : question.terms()) {
                if (sentenceTerms.contains(term)) {
                    // Inverse sentence frequency: a word in every sentence says nothing about which one answers.
                    double weight = Math.log(1.0
                            + (double) sentences.size()
                                    / candidate.sentencesWithTerm().get(term));
                    score += term.startsWith(SOUND) ? TextAnalysis.SOUND_WEIGHT * weight : weight;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                bestIndex = i;
            }
        }
        return sentences.get(bestIndex);
    }

    private AnalysedPassage analyse(Passage passage) {
        List<TimedSentence> sentences = Sentences.of(passage);
        List<Set<String>> sentenceTerms =
                sentences.stream().map(s -> terms(s.text())).toList();
        Map<String, Integer> sentencesWithTerm = new HashMap<>();
        for (Set<String> terms : sentenceTerms) {
            for (String term : terms) {
                sentencesWithTerm.merge(term, 1, Integer::sum);
            }
        }
        return new AnalysedPassage(sentences, sentenceTerms, sentencesWithTerm);
    }

    private Set<String> terms(String text) {
        Set<String> terms = new HashSet<>(TextAnalysis.terms(words, text));
        for (String code : TextAnalysis.terms(sounds, text)) {
            terms.add(SOUND + code);
        }
        return terms;
    }
}
