package dev.lectern.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evidence that a lecture answers a question, each signal measured on every answer, combined into one score by
 * {@link ConfidenceModel}.
 *
 * @param bestSimilarity cosine similarity of the question and the most similar returned passage: off-topic
 *     questions score low
 * @param answerSimilarity cosine similarity of the question and the quoted answer sentence
 * @param unknownWords share of the question's content words that the lecture contains in no form (not as the
 *     word, not sounding alike, not spelled within an edit or two): a question about something the lecture never
 *     names
 * @param rareWordsFound share of the question's two rarest words (in the lecture) that occur, or sound alike, in
 *     the three best passages: the words a specific question hinges on
 * @param legAgreement 1 when the first result is also the most similar in meaning, else 1 / its rank by
 *     similarity among the results: the meaning and word legs agree on what answers
 * @param typeMismatch 1 when the question asks for an amount or a name and none of the best answer sentences
 *     gives one, else 0 (the answer-type check of classic question answering)
 * @param sentenceSimilarity cosine similarity of the question and the most similar single sentence of the three
 *     best passages: whether the lecture says it in one place, not only talks around it
 * @param sentenceCoverage the largest share, weighted by rarity in the lecture, of the question's content words
 *     (or their sound-alikes) that one window of two consecutive sentences of the three best passages contains:
 *     a question about a figure or name the lecture never gives keeps words no sentence has
 * @param typedCoverage like {@code sentenceCoverage}, among windows that also hold the kind of answer asked for (a
 *     number when the question asks how many, a name when it asks who): does one place say the question's words
 *     and a possible answer together
 * @param similarityGap how much more similar the most similar passage is than the second most similar one
 */
public record ConfidenceSignals(
        double bestSimilarity,
        double answerSimilarity,
        double unknownWords,
        double rareWordsFound,
        double legAgreement,
        double typeMismatch,
        double sentenceSimilarity,
        double sentenceCoverage,
        double typedCoverage,
        double similarityGap) {

    /** Signal names, in the order of {@link #values()}: the names the fitted coefficients are listed under. */
    public static final String[] NAMES = {
        "bestSimilarity",
        "answerSimilarity",
        "unknownWords",
        "rareWordsFound",
        "legAgreement",
        "typeMismatch",
        "sentenceSimilarity",
        "sentenceCoverage",
        "typedCoverage",
        "similarityGap"
    };

    /** The signals in the order of {@link #NAMES}. */
    public double[] values() {
        return new double[] {
            bestSimilarity,
            answerSimilarity,
            unknownWords,
            rareWordsFound,
            legAgreement,
            typeMismatch,
            sentenceSimilarity,
            sentenceCoverage,
            typedCoverage,
            similarityGap
        };
    }

    /** The signals by name, for reports. */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        double[] values = values();
        for (int i = 0; i < NAMES.length; i++) {
            map.put(NAMES[i], values[i]);
        }
        return map;
    }
}
