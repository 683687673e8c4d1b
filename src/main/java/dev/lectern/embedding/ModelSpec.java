package dev.lectern.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything needed to load and use an ONNX sentence model: where its files are and how it was trained to be
 * used.
 *
 * @param id a short name recorded with the index, e.g. {@code all-minilm-l6-v2}
 * @param model where the {@code .onnx} file is
 * @param tokenizer where the HuggingFace {@code tokenizer.json} is
 * @param pooling how token vectors are pooled
 * @param maxTokens the input length the model was trained with, special tokens included; longer inputs are
 *     cut here, explicitly, whatever the tokenizer file says
 * @param queryPrefix put before questions (e.g. BGE's retrieval instruction), may be empty
 * @param passagePrefix put before passages, may be empty
 */
public record ModelSpec(
        String id,
        Resource model,
        Resource tokenizer,
        Pooling pooling,
        int maxTokens,
        String queryPrefix,
        String passagePrefix) {

    public ModelSpec {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be >= 16, was " + maxTokens);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** A model file on the classpath (inside a Maven artifact) or on disk. */
    public record Resource(String location, boolean classpath) {

        public static Resource classpath(String name) {
            return new Resource(name, true);
        }

        public static Resource file(Path path) {
            return new Resource(path.toString(), false);
        }

        /** Opens the resource, failing with a message that says where it was looked for. */
        public InputStream open() throws IOException {
            if (classpath) {
                InputStream in = ModelSpec.class.getResourceAsStream(location);
                if (in == null) {
                    throw new IOException("model resource " + location
                            + " is not on the classpath; is its Maven artifact a dependency?");
                }
                return in;
            }
            Path path = Path.of(location);
            if (!Files.isReadable(path)) {
                throw new IOException("model file " + path.toAbsolutePath() + " does not exist or is not readable");
            }
            return Files.newInputStream(path);
        }

        @Override
        public String toString() {
            return classpath ? "classpath:" + location : location;
        }
    }
}
