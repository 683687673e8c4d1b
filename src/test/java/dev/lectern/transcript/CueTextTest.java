package dev.lectern.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CueTextTest {

    @Test
    void dropsMarkerOnlyText() {
        for (String marker : new String[] {
            "[BLANK_AUDIO]", "[Music]", "[Applause]", "(laughs)", "[ Silence ]", "♪", "(Applause)", "♪ ♪", "[ __ ]"
        }) {
            assertEquals("", CueText.clean(marker), marker);
        }
    }

    @Test
    void removesMarkersInsideText() {
        assertEquals("hello", CueText.clean("[Music] hello"));
        assertEquals("so that works", CueText.clean("so (audience laughing) that works [Applause]"));
    }

    @Test
    void keepsParenthesesThatAreSpeech() {
        assertEquals("the model (GPT) and f(x) and (a) first", CueText.clean("the model (GPT) and f(x) and (a) first"));
        assertEquals("see reference [1]", CueText.clean("see reference [1]"));
    }

    @Test
    void removesSpeakerTurnDashButKeepsNegativeNumbers() {
        assertEquals("Hello there.", CueText.clean("  - Hello there."));
        assertEquals("-5 degrees", CueText.clean("-5 degrees"));
    }

    @Test
    void decodesEntitiesOnce() {
        assertEquals(
                "a & b < c > d \" ' e &lt;",
                CueText.decodeEntities("a &amp; b &lt; c &gt; d &quot; &#39; e&lrm; &amp;lt;"));
        assertEquals("x y", CueText.decodeEntities("x&nbsp;y"));
        assertEquals("&unknown;", CueText.decodeEntities("&unknown;"));
    }
}
