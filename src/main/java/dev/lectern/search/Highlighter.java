package dev.lectern.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Picks the sentence of a passage that best matches a question, by the question's stemmed words it contains,
 * rarer words counting more. Lexical on purpose: it costs microseconds, where embedding every sentence of every
 * result would cost more than the search itself.
 */
final class Highlighter {

    private final Analyzer analyzer = new EnglishAnalyzer();

    TimedSentence best(String question, List<TimedSentence> sentences) {
        Set<String> questionTerms = terms(question);
        Map<String, Integer> sentencesWithTerm = new HashMap<>();
        List<Set<String>> sentenceTerms = sentences.stream().map(s -> terms(s.text())).toList();
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
                    score += Math.log(1.0 + (double) sentences.size() / sentencesWithTerm.get(term));
                }
            }
            if (score > bestScore) {
                bestScore = score;
                bestIndex = i;
            }
        }
        return sentences.get(bestIndex);
    }

    Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
