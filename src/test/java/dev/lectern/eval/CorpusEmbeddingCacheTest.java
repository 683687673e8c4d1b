package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus vector cache: round trip, and every kind of mismatch or damage ignored. */
class CorpusEmbeddingCacheTest {

    private static final ModelSpec MINILM = BuiltInModel.ALL_MINILM_L6_V2.spec();
    private static final List<String> IDS = List.of("d1", "d2");
    private static final float[][] VECTORS = {{0.6f, 0.8f, 0f}, {0f, -1f, 0f}};

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        Path corpus = dir.resolve("corpus.jsonl");
        if (!Files.exists(corpus)) {
            Files.writeString(corpus, "{\"_id\": \"d1\"}\n{\"_id\": \"d2\"}\n");
        }
        return corpus;
    }

    @Test
    void vectorsComeBackAsWritten() throws IOException {
        CorpusEmbeddingCache cache = new CorpusEmbeddingCache(dir.resolve("cache"), MINILM, 3, corpus());
        assertNull(cache.read(IDS, 3));
        cache.write(IDS, VECTORS, 12.5);
        CorpusEmbeddingCache.Entry entry = cache.read(IDS, 3);
        assertNotNull(entry);
        assertEquals(12.5, entry.embedSeconds());
        for (int d = 0; d < VECTORS.length; d++) {
            assertArrayEquals(VECTORS[d], entry.vectors()[d]);
        }
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(cache.file()), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void otherDocumentsOrDimensionAreNotServed() throws IOException {
        CorpusEmbeddingCache cache = new CorpusEmbeddingCache(dir, MINILM, 3, corpus());
        cache.write(IDS, VECTORS, 1);
        assertNull(cache.read(List.of("d2", "d1"), 3));
        assertNull(cache.read(List.of("d1"), 3));
        assertNull(cache.read(IDS, 4));
    }

    @Test
    void keyChangesWithEverySettingAndWithTheCorpusFile() throws IOException {
        Path corpus = corpus();
        String base = CorpusEmbeddingCache.key(MINILM, 384, corpus);
        ModelSpec cut128 =
                new ModelSpec(MINILM.id(), MINILM.model(), MINILM.tokenizer(), MINILM.pooling(), 128, "", "");
        ModelSpec prefixed =
                new ModelSpec(MINILM.id(), MINILM.model(), MINILM.tokenizer(), MINILM.pooling(), 256, "query: ", "");
        assertNotEquals(base, CorpusEmbeddingCache.key(cut128, 384, corpus));
        assertNotEquals(base, CorpusEmbeddingCache.key(prefixed, 384, corpus));
        assertNotEquals(base, CorpusEmbeddingCache.key(BuiltInModel.ALL_MINILM_L6_V2_Q.spec(), 384, corpus));
        assertNotEquals(base, CorpusEmbeddingCache.key(MINILM, 768, corpus));
        Files.setLastModifiedTime(
                corpus, FileTime.fromMillis(Files.getLastModifiedTime(corpus).toMillis() - 60_000));
        assertNotEquals(base, CorpusEmbeddingCache.key(MINILM, 384, corpus));
    }

    @Test
    void truncatedOrCorruptFileIsIgnoredAndRewritten() throws IOException {
        CorpusEmbeddingCache cache = new CorpusEmbeddingCache(dir, MINILM, 3, corpus());
        cache.write(IDS, VECTORS, 1);
        byte[] bytes = Files.readAllBytes(cache.file());
        Files.write(cache.file(), Arrays.copyOf(bytes, bytes.length - 5));
        assertNull(cache.read(IDS, 3), "truncated");
        Files.write(cache.file(), "not a cache".getBytes());
        assertNull(cache.read(IDS, 3), "garbage");
        cache.write(IDS, VECTORS, 2);
        assertNotNull(cache.read(IDS, 3), "rewritten");
    }
}
