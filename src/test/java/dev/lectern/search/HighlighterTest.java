package dev.lectern.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.passage.Passage;
import dev.lectern.transcript.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    private final Highlighter highlighter = new Highlighter(16);

    private static final Passage PASSAGE = new Passage(
            0,
            List.of(
                    new Segment(0, 4_000, "There are other methods to reduce memory."),
                    new Segment(4_000, 9_000, "For example, the Xero 2 CPU offload moves"),
                    new Segment(9_000, 12_000, "some GPU memory to the CPU. Then we train"),
                    new Segment(12_000, 15_000, "the model on many cards.")));

    @Test
    void splitsSentencesAcrossSegmentsWithTheirTimes() {
        List<TimedSentence> sentences = Sentences.of(PASSAGE);
        assertEquals(3, sentences.size());
        assertEquals(
                "For example, the Xero 2 CPU offload moves some GPU memory to the CPU.",
                sentences.get(1).text());
        assertEquals(4_000, sentences.get(1).startMillis());
        assertEquals(12_000, sentences.get(1).endMillis());
        assertEquals(9_000, sentences.get(2).startMillis());
    }

    @Test
    void picksTheSentenceWithTheQuestionsRareWords() {
        assertEquals(
                "Then we train the model on many cards.",
                highlighter
                        .best(highlighter.question("How many cards do they train on?"), PASSAGE)
                        .text());
    }

    @Test
    void matchesMisrecognisedNamesBySound() {
        assertEquals(
                "For example, the Xero 2 CPU offload moves some GPU memory to the CPU.",
                highlighter.best(highlighter.question("What is ZeRO?"), PASSAGE).text());
    }

    @Test
    void fallsBackToTheFirstSentenceWithoutAnyMatch() {
        assertEquals(
                "There are other methods to reduce memory.",
                highlighter
                        .best(highlighter.question("chocolate cake"), PASSAGE)
                        .text());
    }
}
