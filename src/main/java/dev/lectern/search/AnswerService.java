package dev.lectern.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers a question extractively: among the sentences of the best passages, the one closest in meaning to
 * the question, quoted with its time span. No text is generated, so every answer is something the lecturer
 * actually said.
 */
@ApplicationScoped
public class AnswerService {

    /** Sentences of only the best few passages are compared: deeper results rarely hold the answer. */
    private static final int PASSAGES_TO_READ = 3;
    /** A sentence this short ("Yes, exactly.") is joined with the next one to make sense on its own. */
    private static final int MIN_ANSWER_WORDS = 8;
    /** How much the rank of a sentence's passage counts beside the sentence's own similarity. */
    private static final double PASSAGE_WEIGHT = 0.3;
    /** How many of the best sentences may be passed over for one of the kind of answer the question asks for. */
    private static final int TYPED_CANDIDATES = 3;

    /** How many of the question's rarest words {@link ConfidenceSignals#rareWordsFound()} looks for. */
    private static final int RARE_WORDS = 2;

    private final SearchService search;
    private final SentenceVectors sentenceVectors;
    private final SearchConfig config;
    private final LectureVocabularies vocabularies;
    private final ConfidenceModel confidence = ConfidenceModel.DEFAULT;

    AnswerService(
            SearchService search,
            SentenceVectors sentenceVectors,
            SearchConfig config,
            LectureVocabularies vocabularies) {
        this.search = search;
        this.sentenceVectors = sentenceVectors;
        this.config = config;
        this.vocabularies = vocabularies;
    }

    /** Searches and extracts an answer; blocking, call it from a worker thread. */
    public AskResult ask(SearchRequest request) {
        // Embedded whatever the mode: the sentences are compared with the question's vector.
        SearchResults results = search.searchEmbedded(request);
        List<SearchHit> hits = results.hits();
        if (hits.isEmpty()) {
            return new AskResult(null, false, 0, null, hits);
        }
        AnswerType type = AnswerType.of(request.query());
        Extraction extraction = extract(request.query(), type, results.queryVector(), hits);
        ConfidenceSignals signals = signals(request, type, extraction, hits);
        double score = confidence.score(signals);
        return new AskResult(extraction.answer(), score > config.confidenceOperatingPoint(), score, signals, hits);
    }

    /**
     * The answer, whether it is of the kind the question asks for, its similarity to the question, and the
     * similarity of the most similar sentence read.
     */
    private record Extraction(ExtractiveAnswer answer, boolean fitsType, double similarity, double bestSentence) {}

    private ConfidenceSignals signals(
            SearchRequest request, AnswerType type, Extraction extraction, List<SearchHit> hits) {
        // Similarity, not the ranking score: fused ranks say which passage is best, not whether it is good.
        double best = hits.stream().mapToDouble(SearchHit::similarity).max().orElse(0);
        double firstSimilarity = hits.get(0).similarity();
        long moreSimilar =
                hits.stream().filter(h -> h.similarity() > firstSimilarity).count();
        double secondSimilarity = hits.stream()
                .mapToDouble(SearchHit::similarity)
                .sorted()
                .skip(Math.max(0, hits.size() - 2))
                .findFirst()
                .orElse(best);
        double unknown = 0;
        double rareFound = 1;
        double coverage = 1;
        double typedCoverage = 1;
        var vocabulary = vocabularies.of(request.lectureId());
        if (vocabulary.isPresent()) {
            List<LectureVocabulary.QuestionWord> words =
                    vocabulary.get().words(request.query(), vocabularies.analysis());
            if (!words.isEmpty()) {
                unknown = words.stream().filter(w -> !w.known()).count() / (double) words.size();
                List<LectureVocabulary.QuestionWord> rarest = words.stream()
                        .sorted(Comparator.comparingDouble(vocabulary.get()::rarity)
                                .reversed())
                        .limit(RARE_WORDS)
                        .toList();
                Set<String> top = new HashSet<>();
                for (SearchHit hit : hits.subList(0, Math.min(PASSAGES_TO_READ, hits.size()))) {
                    top.addAll(vocabularies.terms(hit.passage().text()));
                }
                rareFound = rarest.stream().filter(w -> foundIn(w, top)).count() / (double) rarest.size();
                double[] covered = coverage(request.query(), type, words, vocabulary.get(), hits);
                coverage = covered[0];
                typedCoverage = covered[1];
            }
        }
        return new ConfidenceSignals(
                best,
                extraction.similarity(),
                unknown,
                rareFound,
                1.0 / (1 + moreSimilar),
                type != AnswerType.ANY && !extraction.fitsType() ? 1 : 0,
                extraction.bestSentence(),
                coverage,
                typedCoverage,
                best - secondSimilarity);
    }

    /**
     * The largest rarity-weighted share of the question's words found in one window of two consecutive sentences
     * of the best passages (does the lecture say, in one place, what the question hinges on), and the largest
     * among windows that also hold the kind of answer asked for (a number for "how many").
     */
    private double[] coverage(
            String question,
            AnswerType type,
            List<LectureVocabulary.QuestionWord> words,
            LectureVocabulary vocabulary,
            List<SearchHit> hits) {
        double total = words.stream().mapToDouble(vocabulary::rarity).sum();
        if (total <= 0) {
            return new double[] {1, 1};
        }
        double best = 0;
        double bestTyped = 0;
        for (SearchHit hit : hits.subList(0, Math.min(PASSAGES_TO_READ, hits.size()))) {
            List<TimedSentence> sentences = Sentences.of(hit.passage());
            for (int i = 0; i < sentences.size(); i++) {
                String window = i + 1 < sentences.size()
                        ? sentences.get(i).text() + " " + sentences.get(i + 1).text()
                        : sentences.get(i).text();
                Set<String> terms = vocabularies.terms(window);
                double found = words.stream()
                        .filter(w -> foundIn(w, terms))
                        .mapToDouble(vocabulary::rarity)
                        .sum();
                best = Math.max(best, found / total);
                if (type.fits(question, window)) {
                    bestTyped = Math.max(bestTyped, found / total);
                }
            }
        }
        return new double[] {best, bestTyped};
    }

    private static boolean foundIn(LectureVocabulary.QuestionWord word, Set<String> terms) {
        return terms.contains(word.stem())
                || (word.sound() != null && terms.contains(LectureVocabularies.SOUND + word.sound()))
                || word.expansions().stream().anyMatch(terms::contains);
    }

    private Extraction extract(String questionText, AnswerType type, float[] question, List<SearchHit> hits) {
        List<Candidate> candidates = new ArrayList<>();
        for (SearchHit hit : hits.subList(0, Math.min(PASSAGES_TO_READ, hits.size()))) {
            List<TimedSentence> sentences = Sentences.of(hit.passage());
            for (int i = 0; i < sentences.size(); i++) {
                candidates.add(new Candidate(hit, sentences, i));
            }
        }
        List<String> sentences =
                candidates.stream().map(c -> c.sentence().text()).toList();
        List<float[]> vectors = sentenceVectors.of(sentences);
        double[] scores = new double[candidates.size()];
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            scores[i] = (1 - PASSAGE_WEIGHT) * SentenceVectors.similarity(question, vectors.get(i))
                    + PASSAGE_WEIGHT * candidates.get(i).hit().score();
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double bestSentence = vectors.stream()
                .mapToDouble(v -> SentenceVectors.similarity(question, v))
                .max()
                .orElse(0);
        // The best few sentences are near-equal evidence; among them, prefer one that is the kind of answer asked
        // for (a number for "how many"), which is also the better quote.
        for (int rank = 0; rank < Math.min(TYPED_CANDIDATES, order.length); rank++) {
            ExtractiveAnswer answer = candidates.get(order[rank]).toAnswer();
            if (type.fits(questionText, answer.text())) {
                return new Extraction(
                        answer, true, SentenceVectors.similarity(question, vectors.get(order[rank])), bestSentence);
            }
        }
        return new Extraction(
                candidates.get(order[0]).toAnswer(),
                false,
                SentenceVectors.similarity(question, vectors.get(order[0])),
                bestSentence);
    }

    private record Candidate(SearchHit hit, List<TimedSentence> sentences, int index) {

        TimedSentence sentence() {
            return sentences.get(index);
        }

        ExtractiveAnswer toAnswer() {
            TimedSentence first = sentence();
            TimedSentence last = first;
            String text = first.text();
            if (text.split("\\s+").length < MIN_ANSWER_WORDS && index + 1 < sentences.size()) {
                last = sentences.get(index + 1);
                text = text + " " + last.text();
            }
            String link = DeepLinks.at(hit.lecture().sourceUrl(), first.startMillis() / 1000.0);
            return new ExtractiveAnswer(
                    text, first.startMillis(), last.endMillis(), hit.lecture().id(), link);
        }
    }
}
