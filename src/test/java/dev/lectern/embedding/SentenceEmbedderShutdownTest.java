package dev.lectern.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stopping Lectern while questions are being embedded: freeing ONNX Runtime's session under a running call
 * crashed the JVM (SIGSEGV in libonnxruntime), so close waits for running calls and refuses later ones.
 */
class SentenceEmbedderShutdownTest {

    @Test
    void closeWaitsForRunningCallsAndRefusesLaterOnesClearly() throws InterruptedException {
        SentenceEmbedder embedder = new SentenceEmbedder(
                BuiltInModel.ALL_MINILM_L6_V2.spec(),
                EmbedderOptions.DEFAULTS.withQueryIntraOpThreads(2).withBatchSize(4));
        int callers = 3;
        CountDownLatch busy = new CountDownLatch(callers * 20);
        List<AtomicReference<Throwable>> endings = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            AtomicReference<Throwable> ending = new AtomicReference<>();
            endings.add(ending);
            int caller = i;
            Thread thread = new Thread(() -> {
                try {
                    for (int n = 0; ; n++) {
                        embedder.embedQuery("question " + caller + " number " + n + " about ZeRO offloading");
                        busy.countDown();
                    }
                } catch (Throwable e) {
                    ending.set(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        assertTrue(busy.await(60, TimeUnit.SECONDS), "the callers should have embedded questions");

        embedder.close();

        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (AtomicReference<Throwable> ending : endings) {
            Throwable e = ending.get();
            assertTrue(e instanceof EmbeddingException, "a caller should stop with EmbeddingException, got " + e);
            assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        }
        EmbeddingException later = assertThrows(EmbeddingException.class, () -> embedder.embedQuery("after"));
        assertEquals("the embedding model is shut down: Lectern is stopping", later.getMessage());
        embedder.close(); // a second close is harmless
    }
}
