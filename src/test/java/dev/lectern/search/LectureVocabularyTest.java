package dev.lectern.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.search.LectureVocabulary.QuestionWord;
import dev.lectern.transcript.Segment;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LectureVocabularyTest {

    private static final LectureVocabulary.Analysis ANALYSIS = LectureVocabulary.Analysis.create();

    /** An ASR transcript with the usual misrecognised names. */
    private static final LectureVocabulary VOCABULARY = LectureVocabulary.of(
            List.of(List.of(
                    new Segment(0, 5_000, "Today I talk about Lava, a visual language model."),
                    new Segment(5_000, 10_000, "We trained it with Xero, the optimizer that shards the states."),
                    new Segment(10_000, 15_000, "Training language models needs a lot of memory and training time."),
                    new Segment(15_000, 20_000, "Shippu AI builds models; the model is trained on images."))),
            ANALYSIS);

    @Test
    void namesTheLectureNeverSpellsAreExpandedToWhatItTranscribed() {
        Map<String, QuestionWord> words = byForm("How was LLaVA trained with ZeRO at Zhipu?");

        assertEquals(List.of("lava"), words.get("llava").expansions());
        assertEquals(List.of("xero"), words.get("zero").expansions());
        // Two edits and different sound codes (JP, XP): too far to tell from any other word, so not expanded.
        assertEquals(List.of(), words.get("zhipu").expansions());
        assertTrue(words.get("trained").count() > 0);
        assertEquals(List.of(), words.get("trained").expansions(), "words the lecture contains are not expanded");
    }

    @Test
    void wordsTheLectureNeverNamesInAnyFormAreUnknownAndRarest() {
        Map<String, QuestionWord> words = byForm("What KL penalty does the language model use?");

        assertFalse(words.get("penalty").known());
        assertTrue(words.get("language").known());
        assertTrue(VOCABULARY.rarity(words.get("penalty")) > VOCABULARY.rarity(words.get("language")));
        assertFalse(words.containsKey("what"), "stop words are not content words");
    }

    @Test
    void editDistanceCountsAdjacentSwapsAsOneEdit() {
        assertEquals(1, LectureVocabulary.EditDistance.bounded("lava", "llava", 2));
        assertEquals(1, LectureVocabulary.EditDistance.bounded("trasnformer", "transformer", 2));
        assertEquals(3, LectureVocabulary.EditDistance.bounded("diffusion", "attention", 2));
    }

    private static Map<String, QuestionWord> byForm(String question) {
        return VOCABULARY.words(question, ANALYSIS).stream()
                .collect(Collectors.toMap(QuestionWord::form, Function.identity()));
    }
}
