package dev.lectern.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admits the model work of requests (questions to embed, sentences to compare with them) to
 * {@link SentenceEmbedder}, and keeps the vectors of recent questions:
 *
 * <ul>
 *   <li>repeated questions are answered from a bounded cache of their vectors (Caffeine, without a global lock:
 *       every request looks into it);
 *   <li>at most {@code max-concurrent-queries} inference calls run at once (one per core by default: more only
 *       oversubscribes the cores), and at most {@code max-queued-queries} more wait, in arrival order; beyond
 *       that a request fails at once with {@link ModelBusyException} instead of piling up;
 *   <li>model work is refused on the event loop, which it would stall for every other request.
 * </ul>
 */
@ApplicationScoped
public class ModelAdmission {

    private final SentenceEmbedder embedder;
    private final Semaphore running;
    private final int maxRunning;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final Cache<String, float[]> cache;
    private final Timer questionInference;
    private final Timer sentenceInference;
    private final Timer queueWait;
    private final Counter refusals;
    /** Run by each request as it starts to wait for the model: a seam for tests, which await it with a latch. */
    private volatile Runnable onQueued = () -> {};

    @Inject
    ModelAdmission(SentenceEmbedder embedder, EmbeddingConfig config, MeterRegistry meters) {
        this(
                embedder,
                config.maxConcurrentQueries().orElse(Runtime.getRuntime().availableProcessors()),
                config.maxQueuedQueries(),
                config.queryCacheSize(),
                meters);
    }

    /** As {@link #ModelAdmission(SentenceEmbedder, int, int, int, MeterRegistry)}, reporting to no registry. */
    public ModelAdmission(SentenceEmbedder embedder, int maxRunning, int maxQueued, int cacheSize) {
        this(embedder, maxRunning, maxQueued, cacheSize, new CompositeMeterRegistry());
    }

    /**
     * @param maxRunning inference calls at once, at least 1
     * @param maxQueued requests that may wait for one, at least 0
     * @param cacheSize question vectors kept, 0 for none
     * @param meters receives inference times, the queue's depth, refusals and the cache's hits (docs/operations.md)
     */
    public ModelAdmission(
            SentenceEmbedder embedder, int maxRunning, int maxQueued, int cacheSize, MeterRegistry meters) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException(
                    "lectern.embedding.max-concurrent-queries must be >= 1, was " + maxRunning);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("lectern.embedding.max-queued-queries must be >= 0, was " + maxQueued);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("lectern.embedding.query-cache-size must be >= 0, was " + cacheSize);
        }
        this.embedder = embedder;
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        // Fair: waiting requests are served in arrival order, which keeps the tail latency near the median.
        this.running = new Semaphore(maxRunning, true);
        this.cache = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                // Evict on the caller's thread: Caffeine's default hands that work to the common pool, whose
                // thread then preempts one of the inference threads that keep both cores busy.
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "question-vectors");
        this.questionInference = inferenceTimer(meters, "question");
        this.sentenceInference = inferenceTimer(meters, "sentences");
        this.queueWait = Timer.builder("lectern.model.queue.wait")
                .description("Time requests waited for the embedding model before their inference began")
                .register(meters);
        this.refusals = Counter.builder("lectern.model.refusals")
                .description("Requests refused with 503 because too many already waited for the model")
                .register(meters);
        Gauge.builder("lectern.model.queue.depth", queued, AtomicInteger::get)
                .description("Requests waiting for the embedding model now")
                .register(meters);
        Gauge.builder("lectern.model.running", running, permits -> maxRunning - permits.availablePermits())
                .description("Inference calls of requests running now (at most max-concurrent-queries)")
                .register(meters);
    }

    private static Timer inferenceTimer(MeterRegistry meters, String work) {
        return Timer.builder("lectern.model.inference")
                .description("Inference calls of requests on the embedding model, by what was embedded")
                .tag("work", work)
                .register(meters);
    }

    /**
     * The question's vector (with the model's query prefix), L2-normalised, from the cache or else from the model
     * under the admission limit; a fresh array the caller may keep.
     *
     * @throws ModelBusyException when the model must run and its queue is full
     */
    public float[] questionVector(String question) {
        float[] cached = cache.getIfPresent(question);
        if (cached != null) {
            return cached.clone();
        }
        float[] vector = underLimit(
                questionInference,
                () -> alone()
                        ? embedder.embedQuery(question) // the query session's threads have the cores to themselves
                        : embedder.embedQueryBeside(question));
        cache.put(question, vector);
        return vector.clone();
    }

    /**
     * Runs other model work of a request (e.g. {@link SentenceEmbedder#embedPassages} of a few sentences) under the
     * same limit as questions.
     *
     * @throws ModelBusyException when the queue is full
     */
    public <T> T underLimit(Supplier<T> modelWork) {
        return underLimit(sentenceInference, modelWork);
    }

    private <T> T underLimit(Timer inference, Supplier<T> modelWork) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("model work on the event loop; run it on a worker thread (@Blocking)");
        }
        acquire();
        long started = System.nanoTime();
        try {
            return modelWork.get();
        } finally {
            inference.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            running.release();
        }
    }

    private void acquire() {
        if (running.tryAcquire()) {
            return;
        }
        int waiting = queued.incrementAndGet();
        long started = System.nanoTime();
        try {
            if (waiting > maxQueued) {
                refusals.increment();
                throw new ModelBusyException(maxRunning, waiting - 1);
            }
            onQueued.run();
            running.acquire();
            queueWait.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting for the embedding model", e);
        } finally {
            queued.decrementAndGet();
        }
    }

    /**
     * Whether the caller, holding a permit, is the only request running inference and none waits. The query
     * session's second thread spins for a while after each call, so using it while other requests want the model
     * would take a core from them.
     */
    private boolean alone() {
        return running.availablePermits() == maxRunning - 1 && queued.get() == 0;
    }

    /** Has {@code hook} run by each request as it starts to wait for the model (tests). */
    void onQueued(Runnable hook) {
        this.onQueued = hook;
    }

    /** Requests waiting for the model now. */
    int queued() {
        return queued.get();
    }
}
