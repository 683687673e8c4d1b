package dev.lectern.chapter;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Example questions for people who do not yet know what to ask, made from a lecture's outline: the key phrases of
 * chapters spread over the lecture, phrases of several words before single words. Deterministic: the same outline
 * gives the same questions.
 */
public final class ExampleQuestions {

    private ExampleQuestions() {}

    /**
     * At most {@code count} questions about the outline's key phrases, from chapters spread evenly over the lecture
     * (the middle of each of {@code count} equal stretches of its chapters, so neither the opening nor the closing
     * chapter alone).
     */
    public static List<String> of(Outline outline, int count) {
        List<Chapter> chapters = outline.chapters();
        Set<String> phrases = new LinkedHashSet<>();
        int deepest = chapters.stream().mapToInt(c -> c.keywords().size()).max().orElse(0);
        for (int rank = 0; rank < deepest && phrases.size() < count; rank++) {
            for (int i = 0; i < count && phrases.size() < count; i++) {
                Chapter chapter = chapters.get((int) ((2L * i + 1) * chapters.size() / (2L * count)));
                List<String> keywords = phrasesFirst(chapter.keywords());
                if (rank < keywords.size()) {
                    phrases.add(keywords.get(rank));
                }
            }
        }
        return phrases.stream()
                .map(phrase -> "What is said about " + phrase + "?")
                .toList();
    }

    /** Keywords of several words before single words (a phrase says more), otherwise in the outline's order. */
    private static List<String> phrasesFirst(List<String> keywords) {
        return keywords.stream()
                .sorted(Comparator.comparingInt((String keyword) -> keyword.split("\\s+").length)
                        .reversed())
                .toList();
    }
}
