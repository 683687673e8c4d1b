package dev.lectern.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Helpers shared by the transcript tests. */
final class Fixtures {

    private Fixtures() {}

    /** Reads a classpath resource, e.g. {@code /transcripts/lecture.vtt}. */
    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static Segment seg(long startMillis, long endMillis, String text) {
        return new Segment(startMillis, endMillis, text);
    }

    /** Asserts that parsing fails on the given line with exactly the given reason. */
    static void assertRejected(Function<String, ?> parse, String text, int line, String reason) {
        TranscriptParseException e = assertThrows(TranscriptParseException.class, () -> parse.apply(text));
        assertEquals(reason, e.reason(), "reason");
        assertEquals(line, e.line(), "line (" + e.getMessage() + ")");
    }

    /** Asserts that parsing fails on the given line with a reason starting as given. */
    static TranscriptParseException assertRejectedStartingWith(
            Function<String, ?> parse, String text, int line, String reasonStart) {
        TranscriptParseException e = assertThrows(TranscriptParseException.class, () -> parse.apply(text));
        assertEquals(line, e.line(), "line (" + e.getMessage() + ")");
        if (!e.reason().startsWith(reasonStart)) {
            throw new AssertionError(
                    "expected reason starting with <" + reasonStart + "> but was <" + e.reason() + ">");
        }
        return e;
    }
}
