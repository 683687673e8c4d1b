package dev.lectern.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleQuestionsTest {

    @Test
    void asksAboutKeyPhrasesOfChaptersSpreadOverTheLecture() {
        Outline outline = outline(
                List.of("welcome"),
                List.of("attention"),
                List.of("vision encoder"),
                List.of("zero offload"),
                List.of("scaling laws"),
                List.of("questions"));
        assertEquals(
                List.of(
                        "What is said about attention?",
                        "What is said about zero offload?",
                        "What is said about questions?"),
                ExampleQuestions.of(outline, 3));
    }

    @Test
    void prefersPhrasesOfSeveralWords() {
        Outline outline = outline(List.of("loss", "scaling laws", "tells"));
        assertEquals(
                List.of("What is said about scaling laws?", "What is said about loss?", "What is said about tells?"),
                ExampleQuestions.of(outline, 3));
    }

    @Test
    void takesFurtherKeyPhrasesWhenChaptersAreFew() {
        Outline outline = outline(List.of("transformers", "attention"), List.of("transformers"));
        assertEquals(
                List.of("What is said about transformers?", "What is said about attention?"),
                ExampleQuestions.of(outline, 3));
    }

    private static Outline outline(List<?>... keywords) {
        List<Chapter> chapters = new java.util.ArrayList<>();
        for (int i = 0; i < keywords.length; i++) {
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) keywords[i];
            chapters.add(new Chapter(i, "Chapter " + i, i * 60_000L, (i + 1) * 60_000L, words));
        }
        return new Outline(Outline.Source.COMPUTED, chapters, "recipe");
    }
}
