package dev.lectern.search;

import dev.lectern.store.TextAnalysis;
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
 */
final class Highlighter {

    /** Sound codes are kept apart from words by this prefix, which no word carries. */
    private static final String SOUND = "~";

    private final Analyzer words = TextAnalysis.words();
    private final Analyzer sounds = TextAnalysis.sounds();

    TimedSentence best(String question, List<TimedSentence> sentences) {
        Set<String> questionTerms = terms(question);
        List<Set<String>> sentenceTerms =
                sentences.stream().map(s -> terms(s.text())).toList();
        Map<String, Integer> sentencesWithTerm = new HashMap<>();
        for (Set<String> terms : sentenceTerms) {
            for (String term : terms) {
                sentencesWithTerm.merge(term, 1, Integer::sum);
            }
        }
        int bestIndex = 0;
        double bestScore = 0;
        for (int i = 0; i < sentences.size(); i++) {
            double score = 0;
            for (String term : questionTerms) {
                if (sentenceTerms.get(i).contains(term)) {
                    // Inverse sentence frequency: a word in every sentence says nothing about which one answers.
                    double weight = Math.log(1.0 + (double) sentences.size() / sentencesWithTerm.get(term));
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

    private Set<String> terms(String text) {
        Set<String> terms = new HashSet<>(TextAnalysis.terms(words, text));
        for (String code : TextAnalysis.terms(sounds, text)) {
            terms.add(SOUND + code);
        }
        return terms;
    }
}
