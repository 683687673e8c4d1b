package dev.lectern.embedding;

import ai.onnxruntime.OrtException;
import dev.lectern.passage.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Embeds questions and passages with an ONNX sentence model through ONNX Runtime, entirely on this machine.
 *
 * <p>Composes three parts, each with one job: {@link Tokenization} (the model's own HuggingFace tokenizer, cut at
 * {@link ModelSpec#maxTokens()}, checked when it loads), {@link OnnxSession} (a batch of inputs to token vectors)
 * and {@link Pooling} (token vectors to one L2-normalised vector per input). What this class adds is the order of
 * work and the model's lifecycle.
 *
 * <p>The model is loaded once. Passages are embedded in batches of similar length, so little padding is
 * computed, on a small pool of threads; questions are embedded on the calling thread, on a second session with
 * more intra-op threads when one is configured. Instances are thread-safe.
 */
public final class SentenceEmbedder implements TokenCounter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SentenceEmbedder.class);

    /** How long {@link #close()} waits for inference calls still running before it leaves the model loaded. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ModelSpec spec;
    private final Tokenization tokenization;
    private final OnnxSession session;
    private final OnnxSession querySession;
    private final int dimension;
    private final int batchSize;
    private final int parallelism;
    private final ExecutorService pool;
    /**
     * Native calls (tokenizer, ONNX Runtime) hold the read lock; {@link #close()} takes the write lock, so the
     * sessions are never freed under a call still running in them, which crashes the JVM.
     */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    /**
     * Loads the model and its tokenizer, with a second session for questions that run alone when
     * {@link EmbedderOptions#queryIntraOpThreads()} differs from {@link EmbedderOptions#intraOpThreads()}.
     *
     * @throws EmbeddingException when the files cannot be read or the model is not a sentence model
     */
    public SentenceEmbedder(ModelSpec spec, EmbedderOptions options) {
        this.spec = spec;
        this.batchSize = options.batchSize();
        this.parallelism = options.parallelism();
        this.tokenization = Tokenization.load(spec);
        try (InputStream in = spec.model().open()) {
            byte[] model = in.readAllBytes();
            this.session = OnnxSession.create(spec.id(), model, options.intraOpThreads(), options.spinning());
            this.querySession = options.separateQuerySession()
                    ? OnnxSession.create(spec.id(), model, options.queryIntraOpThreads(), options.spinning())
                    : session;
        } catch (IOException | OrtException e) {
            tokenization.close();
            throw new EmbeddingException(
                    "cannot load the embedding model from " + spec.model() + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.parallelism(), task -> {
            Thread thread = new Thread(task, "lectern-embed-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.dimension = embed(List.of(encode("dimension probe"))).get(0).length;
        whileOpen(() -> {
            tokenization.checkTruncation();
            return null;
        });
    }

    /** The model's description. */
    public ModelSpec spec() {
        return spec;
    }

    /** Length of the vectors this model produces. */
    public int dimension() {
        return dimension;
    }

    /** Tokens of {@code text} without special tokens: what passage sizes are measured in. */
    @Override
    public int count(String text) {
        return whileOpen(() -> tokenization.count(text));
    }

    /** Tokens the passage prefix and the model's special tokens take from every passage's budget. */
    public int passageOverheadTokens() {
        return whileOpen(() -> tokenization.countWithSpecialTokens(spec.passagePrefix()));
    }

    /**
     * Embeds a question (with the model's query prefix), L2-normalised, on the query session: the fastest way for
     * a question that runs while no other inference does.
     */
    public float[] embedQuery(String question) {
        return embed(querySession, List.of(encode(spec.queryPrefix() + question)))
                .get(0);
    }

    /**
     * Embeds a question like {@link #embedQuery(String)}, on the session of one thread per call: for questions
     * that run beside other inference calls, where more threads per call would only fight over the cores.
     */
    public float[] embedQueryBeside(String question) {
        return embed(session, List.of(encode(spec.queryPrefix() + question))).get(0);
    }

    /** Embeds passages (with the model's passage prefix), L2-normalised, in the order given. */
    public List<float[]> embedPassages(List<String> passages) {
        return embedAll(passages, spec.passagePrefix(), batchSize);
    }

    /** Key phrases embedded per inference call: they are a few tokens long, so padding costs little. */
    static final int PHRASE_BATCH = 64;

    /**
     * Embeds short texts such as key phrases (with the passage prefix, so they compare with passages), many per
     * inference call: for a few tokens each, the cost of a call outweighs the padding. Vectors may differ in the
     * last digits from one-by-one embedding, which ranking phrases does not notice. The phrases are shared among
     * the pool's threads, as passages are: one call of 64 would leave the other threads idle.
     */
    public List<float[]> embedPhrases(List<String> phrases) {
        int perThread = (phrases.size() + parallelism - 1) / parallelism;
        return embedAll(phrases, spec.passagePrefix(), Math.max(batchSize, Math.min(PHRASE_BATCH, perThread)));
    }

    private List<float[]> embedAll(List<String> texts, String prefix, int batchSize) {
        List<Tokens> inputs = new ArrayList<>(texts.size());
        for (String text : texts) {
            inputs.add(encode(prefix + text));
        }
        // Batches of similar length waste little work on padding.
        Integer[] order = new Integer[inputs.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> inputs.get(i).length()));
        List<Future<List<float[]>>> batches = new ArrayList<>();
        List<int[]> batchIndexes = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int[] indexes = new int[Math.min(batchSize, order.length - from)];
            List<Tokens> batch = new ArrayList<>(indexes.length);
            for (int j = 0; j < indexes.length; j++) {
                indexes[j] = order[from + j];
                batch.add(inputs.get(indexes[j]));
            }
            batchIndexes.add(indexes);
            batches.add(pool.submit(() -> embed(batch)));
        }
        float[][] vectors = new float[inputs.size()][];
        try {
            for (int b = 0; b < batches.size(); b++) {
                List<float[]> result = batches.get(b).get();
                int[] indexes = batchIndexes.get(b);
                for (int j = 0; j < indexes.length; j++) {
                    vectors[indexes[j]] = result.get(j);
                }
            }
        } catch (InterruptedException e) {
            batches.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new EmbeddingException("embedding was interrupted", e);
        } catch (ExecutionException e) {
            batches.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof EmbeddingException embeddingException) {
                throw embeddingException;
            }
            throw new EmbeddingException("embedding failed: " + cause.getMessage(), cause);
        }
        return Arrays.asList(vectors);
    }

    private Tokens encode(String text) {
        return whileOpen(() -> tokenization.encode(text));
    }

    private List<float[]> embed(List<Tokens> batch) {
        return embed(session, batch);
    }

    private List<float[]> embed(OnnxSession session, List<Tokens> batch) {
        TokenVectors output = whileOpen(() -> session.run(batch));
        return spec.pooling().pool(output);
    }

    /** Runs a native call unless the model has been closed; {@link #close()} waits for it to finish. */
    private <T> T whileOpen(Supplier<T> call) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new EmbeddingException("the embedding model is shut down: Lectern is stopping");
            }
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Frees the model once the inference calls still running have finished; later calls fail with an
     * {@link EmbeddingException}. Should calls outlast {@value #CLOSE_WAIT_SECONDS} s, the model is left loaded
     * (the process is ending): freeing native memory under a running call would crash the JVM.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        boolean locked = false;
        try {
            locked = lifecycle.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.warnf(
                    "Embedding calls still running after %d s; the model is left loaded as Lectern stops",
                    CLOSE_WAIT_SECONDS);
            return;
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (querySession != session) {
                querySession.close();
            }
            session.close();
            tokenization.close();
        } catch (OrtException e) {
            // Nothing useful can be done at shutdown; the process is ending.
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
