package dev.lectern.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DeepLinksTest {

    @Test
    void youTubeLinksGetATimeParameter() {
        assertEquals(
                "https://www.youtube.com/watch?v=abc&t=986s",
                DeepLinks.at("https://www.youtube.com/watch?v=abc", 986.64));
        assertEquals("https://youtu.be/abc?t=5s", DeepLinks.at("https://youtu.be/abc", 5));
        assertEquals(
                "https://www.youtube.com/watch?v=abc&t=60s",
                DeepLinks.at("https://www.youtube.com/watch?v=abc&t=12s", 60));
    }

    @Test
    void otherLinksGetAMediaFragment() {
        assertEquals("https://example.org/talk.mp4#t=75", DeepLinks.at("https://example.org/talk.mp4", 75.9));
        assertEquals("https://example.org/talk.mp4#t=0", DeepLinks.at("https://example.org/talk.mp4#t=300", 0));
    }

    @Test
    void noSourceMeansNoLink() {
        assertNull(DeepLinks.at(null, 10));
        assertNull(DeepLinks.at("  ", 10));
    }
}
