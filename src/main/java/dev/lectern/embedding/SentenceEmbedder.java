package dev.lectern.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lectern.passage.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Tokenisation is done with the model's own HuggingFace tokenizer, with its file's truncation and padding
 * switched off: tokenizer files shipped with models often truncate at a length other than the one the model
 * was trained with (all-MiniLM-L6-v2's cuts at 128 instead of 256, which costs two points of nDCG@10 on
 * SciFact). Lectern cuts at {@link ModelSpec#maxTokens()} itself and checks that it does so when it starts.
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
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OrtSession querySession;
    private final boolean wantsTokenTypes;
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
     * Loads the model and its tokenizer.
     *
     * @param intraOpThreads ONNX Runtime threads per inference call
     * @param parallelism how many inference calls run at once when embedding passages
     * @param batchSize passages per inference call
     * @throws EmbeddingException when the files cannot be read or the model is not a sentence model
     */
    public SentenceEmbedder(ModelSpec spec, int intraOpThreads, int parallelism, int batchSize) {
        this(spec, intraOpThreads, intraOpThreads, parallelism, batchSize);
    }

    /**
     * Loads the model and its tokenizer, with a second session for questions that run alone when
     * {@code queryIntraOpThreads} differs from {@code intraOpThreads}.
     *
     * @param intraOpThreads ONNX Runtime threads per inference call for passages and concurrent questions
     * @param queryIntraOpThreads ONNX Runtime threads per call of {@link #embedQuery(String)}
     * @param parallelism how many inference calls run at once when embedding passages
     * @param batchSize passages per inference call
     * @throws EmbeddingException when the files cannot be read or the model is not a sentence model
     */
    public SentenceEmbedder(
            ModelSpec spec, int intraOpThreads, int queryIntraOpThreads, int parallelism, int batchSize) {
        this(spec, intraOpThreads, queryIntraOpThreads, parallelism, batchSize, false);
    }

    /**
     * Loads the model and its tokenizer, as {@link #SentenceEmbedder(ModelSpec, int, int, int, int)}, choosing
     * whether ONNX Runtime's extra threads spin.
     *
     * @param spinning whether a session's intra-op threads beyond the calling one spin for a while after each call,
     *     waiting for the next (ONNX Runtime's default), instead of sleeping at once; sessions of one thread have no
     *     such threads
     */
    public SentenceEmbedder(
            ModelSpec spec,
            int intraOpThreads,
            int queryIntraOpThreads,
            int parallelism,
            int batchSize,
            boolean spinning) {
        if (intraOpThreads < 1 || queryIntraOpThreads < 1 || parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "intraOpThreads, queryIntraOpThreads, parallelism and batchSize must be >= 1, were "
                            + intraOpThreads + ", " + queryIntraOpThreads + ", " + parallelism + ", " + batchSize);
        }
        this.spec = spec;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
        this.tokenizer = loadTokenizer(spec);
        this.environment = OrtEnvironment.getEnvironment();
        try (InputStream in = spec.model().open()) {
            byte[] model = in.readAllBytes();
            this.session = createSession(model, intraOpThreads, spinning);
            this.querySession = queryIntraOpThreads == intraOpThreads
                    ? session
                    : createSession(model, queryIntraOpThreads, spinning);
        } catch (IOException | OrtException e) {
            tokenizer.close();
            throw new EmbeddingException(
                    "cannot load the embedding model from " + spec.model() + ": " + e.getMessage(), e);
        }
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "lectern-embed-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.dimension = embed(List.of(encode("dimension probe"))).get(0).length;
        checkTruncation();
    }

    private OrtSession createSession(byte[] model, int intraOpThreads, boolean spinning) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One call per core with one thread each beats fewer calls with more threads: two sessions' threads on
            // the same cores slow each other.
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // A spinning thread keeps a core busy for a while after every call, taking it from the same request's
            // own Java work and from everything else on the machine; off, it sleeps until the next call wakes it,
            // which costs a little latency per parallel step (docs/performance.md). Sequential execution has no
            // inter-op pool, so its setting is set alike only for consistency.
            String spin = spinning ? "1" : "0";
            options.addConfigEntry("session.intra_op.allow_spinning", spin);
            options.addConfigEntry("session.inter_op.allow_spinning", spin);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(model, options);
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(ModelSpec spec) {
        Map<String, String> options = new HashMap<>();
        // The file's own settings are not trusted: we cut at maxTokens ourselves and never pad single inputs.
        options.put("truncation", "false");
        options.put("padding", "false");
        options.put("addSpecialTokens", "true");
        try (InputStream in = spec.tokenizer().open()) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddingException(
                    "cannot load the tokenizer from " + spec.tokenizer() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Proves at start that long inputs are cut at {@code maxTokens}, neither earlier (a tokenizer file's own
     * truncation) nor later.
     */
    private void checkTruncation() {
        String longText = "lecture ".repeat(spec.maxTokens() * 2);
        int raw = whileOpen(() -> tokenizer.encode(longText)).getIds().length;
        int cut = encode(longText).ids().length;
        if (raw <= spec.maxTokens() || cut != spec.maxTokens()) {
            throw new EmbeddingException("the tokenizer of " + spec.id() + " does not cut inputs at "
                    + spec.maxTokens() + " tokens (it gave " + raw + " tokens before the cut and " + cut
                    + " after); check the tokenizer file's truncation settings");
        }
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
        return whileOpen(() -> tokenizer.encode(text, false, false)).getIds().length;
    }

    /** Tokens the passage prefix and the model's special tokens take from every passage's budget. */
    public int passageOverheadTokens() {
        return whileOpen(() -> tokenizer.encode(spec.passagePrefix())).getIds().length;
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
        Arrays.sort(order, Comparator.comparingInt(i -> inputs.get(i).ids().length));
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

    private record Tokens(long[] ids, long[] typeIds) {}

    private Tokens encode(String text) {
        Encoding encoding = whileOpen(() -> tokenizer.encode(text, true, false));
        long[] ids = encoding.getIds();
        long[] typeIds = encoding.getTypeIds();
        int max = spec.maxTokens();
        if (ids.length > max) {
            // Keep the closing special token ([SEP] for BERT models), as HuggingFace truncation does.
            long last = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, max);
            ids[max - 1] = last;
            typeIds = Arrays.copyOf(typeIds, max);
        }
        return new Tokens(ids, typeIds);
    }

    private List<float[]> embed(List<Tokens> batch) {
        return embed(session, batch);
    }

    private List<float[]> embed(OrtSession session, List<Tokens> batch) {
        int rows = batch.size();
        int length = batch.stream().mapToInt(t -> t.ids().length).max().orElse(0);
        long[][] ids = new long[rows][length];
        long[][] mask = new long[rows][length];
        long[][] types = new long[rows][length];
        for (int r = 0; r < rows; r++) {
            Tokens tokens = batch.get(r);
            System.arraycopy(tokens.ids(), 0, ids[r], 0, tokens.ids().length);
            System.arraycopy(tokens.typeIds(), 0, types[r], 0, tokens.typeIds().length);
            Arrays.fill(mask[r], 0, tokens.ids().length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            }
            return whileOpen(() -> run(session, inputs, mask));
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime failed to run " + spec.id() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private List<float[]> run(OrtSession session, Map<String, OnnxTensor> inputs, long[][] mask) {
        try (OrtSession.Result result = session.run(inputs)) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            if (shape.length != 3) {
                throw new EmbeddingException("model " + spec.id() + " returned a tensor of shape "
                        + Arrays.toString(shape) + "; expected token vectors [batch, tokens, dimension]");
            }
            return pool(output.getFloatBuffer(), mask, (int) shape[1], (int) shape[2]);
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime failed to run " + spec.id() + ": " + e.getMessage(), e);
        }
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

    private List<float[]> pool(FloatBuffer output, long[][] mask, int length, int hidden) {
        // One bulk copy out of ONNX Runtime's direct buffer: reading it value by value, a bounds check each time,
        // showed in profiles of /api/search (DirectByteBuffer.ix, 4.5 % of the Java samples at c=32).
        float[] tokenVectors = new float[mask.length * length * hidden];
        output.get(0, tokenVectors);
        List<float[]> vectors = new ArrayList<>(mask.length);
        for (int r = 0; r < mask.length; r++) {
            float[] vector = new float[hidden];
            int rowOffset = r * length * hidden;
            if (spec.pooling() == Pooling.CLS) {
                System.arraycopy(tokenVectors, rowOffset, vector, 0, hidden);
            } else {
                int counted = 0;
                for (int t = 0; t < length; t++) {
                    if (mask[r][t] == 0) {
                        continue;
                    }
                    int offset = rowOffset + t * hidden;
                    for (int d = 0; d < hidden; d++) {
                        vector[d] += tokenVectors[offset + d];
                    }
                    counted++;
                }
                for (int d = 0; d < hidden; d++) {
                    vector[d] /= counted;
                }
            }
            normalise(vector);
            vectors.add(vector);
        }
        return vectors;
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] /= (float) norm;
            }
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
            tokenizer.close();
        } catch (OrtException e) {
            // Nothing useful can be done at shutdown; the process is ending.
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
