package dev.lectern.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model through ONNX Runtime, checked against reference values. */
class SentenceEmbedderTest {

    private static SentenceEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new SentenceEmbedder(
                BuiltInModel.ALL_MINILM_L6_V2.spec(),
                EmbedderOptions.DEFAULTS.withParallelism(2).withBatchSize(4));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void matchesReferenceEmbeddingOfALongSciFactAbstract() throws IOException {
        // Reference: sentence-transformers with max_seq_length 256 (shared/beir/README.md). The abstract is
        // longer than 256 tokens, so this also proves inputs are cut at 256, not at the tokenizer file's 128.
        String doc = resource("/embedding/scifact-4983.txt");
        assertTrue(embedder.count(doc) > 256, "fixture must be longer than the model's window");
        float[] vector = embedder.embedPassages(List.of(doc)).get(0);
        float[] expected = {0.063778f, -0.097665f, -0.015919f, 0.067279f, 0.016745f, 0.024138f, -0.052778f, 0.016337f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], vector[i], 2e-5, "component " + i);
        }
    }

    @Test
    void producesUnitVectorsOfTheModelsDimension() {
        float[] vector = embedder.embedQuery("What is ZeRO?");
        assertEquals(384, embedder.dimension());
        assertEquals(384, vector.length);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }

    @Test
    void batchedPassagesMatchPassagesEmbeddedAlone() {
        List<String> texts = List.of(
                "Short one.",
                "A somewhat longer passage about training large language models with many GPUs.",
                "Mixture of experts routes each token to a few experts.");
        List<float[]> batched = embedder.embedPassages(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embedPassages(List.of(texts.get(i))).get(0);
            assertEquals(1.0, cosine(alone, batched.get(i)), 1e-4, "passage " + i);
        }
    }

    @Test
    void ranksARelatedPassageAboveAnUnrelatedOne() {
        float[] question = embedder.embedQuery("How do you save GPU memory when training a large model?");
        List<float[]> passages = embedder.embedPassages(List.of(
                "ZeRO partitions optimizer states and gradients across devices to reduce memory usage.",
                "The weather in Beijing was sunny and warm that afternoon."));
        assertTrue(cosine(question, passages.get(0)) > cosine(question, passages.get(1)) + 0.1);
    }

    @Test
    void countsTokensWithoutSpecialTokens() {
        assertEquals(3, embedder.count("hello world again"));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentenceEmbedderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
