package dev.lectern.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limit and the cache in front of the model for requests. */
class ModelAdmissionTest {

    private static SentenceEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new SentenceEmbedder(BuiltInModel.ALL_MINILM_L6_V2_Q.spec(), EmbedderOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void repeatedQuestionComesFromTheCacheWithTheSameVector() {
        ModelAdmission queries = new ModelAdmission(embedder, 1, 0, 4);
        float[] first = queries.questionVector("What is ZeRO?");
        float[] second = queries.questionVector("What is ZeRO?");
        assertArrayEquals(embedder.embedQuery("What is ZeRO?"), first);
        assertArrayEquals(first, second);
        assertNotSame(first, second, "callers get their own copy");
    }

    @Test
    void turnsAwayRequestsBeyondTheQueueAtOnce() throws Exception {
        ModelAdmission queries = new ModelAdmission(embedder, 1, 1, 0);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        queries.onQueued(queued::countDown);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> holder = threads.submit(() -> queries.underLimit(() -> {
                running.countDown();
                await(release);
                return "held";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Future<float[]> waiter = threads.submit(() -> queries.questionVector("waits its turn"));
            assertTrue(queued.await(10, TimeUnit.SECONDS), "the second request waits for the model");
            assertEquals(1, queries.queued());

            // The holder keeps the model busy until release: the exception proves the caller was not queued.
            ModelBusyException busy =
                    assertThrows(ModelBusyException.class, () -> queries.questionVector("one too many"));
            assertTrue(busy.getMessage().contains("lectern.embedding.max-queued-queries"), busy.getMessage());

            release.countDown();
            assertEquals("held", holder.get(10, TimeUnit.SECONDS));
            assertEquals(384, waiter.get(10, TimeUnit.SECONDS).length, "the queued request is served");
            assertEquals(384, queries.questionVector("room again").length);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void theQuerySessionWithMoreThreadsGivesTheSameVector() {
        try (SentenceEmbedder twoSessions = new SentenceEmbedder(
                BuiltInModel.ALL_MINILM_L6_V2_Q.spec(), EmbedderOptions.DEFAULTS.withQueryIntraOpThreads(2))) {
            float[] alone = twoSessions.embedQuery("How does CogVLM add vision to a language model?");
            float[] beside = twoSessions.embedQueryBeside("How does CogVLM add vision to a language model?");
            double cosine = 0;
            for (int d = 0; d < alone.length; d++) {
                cosine += alone[d] * beside[d];
            }
            assertTrue(cosine > 0.9999, "cosine " + cosine);
        }
    }

    @Test
    void rejectsLimitsOutOfRangeNamingTheKey() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ModelAdmission(embedder, 0, 1, 1));
        assertTrue(e.getMessage().contains("lectern.embedding.max-concurrent-queries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelAdmission(embedder, 1, -1, 1));
        assertTrue(e.getMessage().contains("lectern.embedding.max-queued-queries"), e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
