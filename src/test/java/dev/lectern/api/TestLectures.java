package dev.lectern.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test transcripts from {@code src/test/resources/lectures}. */
final class TestLectures {

    static final String DEFAULT_LECTURE = "cs25-ming-ding-multimodal-pretraining";

    private TestLectures() {}

    static byte[] bytes(String name) {
        try (InputStream in = TestLectures.class.getResourceAsStream("/lectures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test lecture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
