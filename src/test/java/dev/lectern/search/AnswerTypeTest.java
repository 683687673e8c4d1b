package dev.lectern.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerTypeTest {

    @Test
    void recognisesQuestionsForAmounts() {
        assertEquals(AnswerType.QUANTITY, AnswerType.of("How many GPUs did they train on?"));
        assertEquals(AnswerType.QUANTITY, AnswerType.of("how long an input can it handle?"));
        assertEquals(AnswerType.QUANTITY, AnswerType.of("What resolution does the model output?"));
        assertEquals(AnswerType.QUANTITY, AnswerType.of("What frame rate do the videos have?"));
    }

    @Test
    void recognisesQuestionsForNames() {
        assertEquals(AnswerType.NAME, AnswerType.of("What was the title of his first paper?"));
        assertEquals(AnswerType.NAME, AnswerType.of("Who invented the transformer?"));
        assertEquals(AnswerType.ANY, AnswerType.of("Why do models drop the encoder?"));
        assertEquals(AnswerType.ANY, AnswerType.of("When CogAgent operates a website, what does it look at?"));
    }

    @Test
    void anAmountNeedsANumberOnItsOwn() {
        assertTrue(AnswerType.QUANTITY.fits("How many?", "More than 100,000 words."));
        assertTrue(AnswerType.QUANTITY.fits("How many?", "It has seven billion parameters."));
        assertTrue(AnswerType.QUANTITY.fits("How many?", "A 7B model."));
        assertFalse(AnswerType.QUANTITY.fits("How many?", "GLM4V can rival GPT-4V in many tasks."));
        assertFalse(AnswerType.QUANTITY.fits("How many?", "It is one of the best models."));
    }

    @Test
    void aNameMustBeOneTheQuestionDidNotGive() {
        String question = "What was the title of the ACL paper he published after BERT came out?";
        assertFalse(AnswerType.NAME.fits(question, "I published a paper at ACL when BERT came out."));
        assertTrue(AnswerType.NAME.fits(question, "The paper was called Cognitive Graph, at ACL."));
        assertFalse(AnswerType.NAME.fits(question, "So we did it. Then it worked."), "sentence starts are not names");
    }
}
