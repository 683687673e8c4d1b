package dev.lectern.embedding;

/**
 * How {@link SentenceEmbedder} runs the model: threads per inference call, calls at once, inputs per call.
 *
 * <p>Start from {@link #DEFAULTS} (one thread, one call at a time, one passage per call, no spinning) and change
 * what differs, e.g. {@code EmbedderOptions.DEFAULTS.withParallelism(4).withBatchSize(8)}.
 *
 * @param intraOpThreads ONNX Runtime threads per inference call for passages and concurrent questions, at least 1
 * @param queryIntraOpThreads ONNX Runtime threads per call of {@link SentenceEmbedder#embedQuery(String)}, at least
 *     1; when it differs from {@code intraOpThreads} questions that run alone get a second session of their own
 * @param parallelism how many inference calls run at once when embedding passages, at least 1
 * @param batchSize passages per inference call, at least 1
 * @param spinning whether a session's intra-op threads beyond the calling one spin for a while after each call,
 *     waiting for the next (ONNX Runtime's default), instead of sleeping at once; sessions of one thread have no
 *     such threads
 */
public record EmbedderOptions(
        int intraOpThreads, int queryIntraOpThreads, int parallelism, int batchSize, boolean spinning) {

    /** One thread per call, one call at a time, one passage per call, threads that sleep between calls. */
    public static final EmbedderOptions DEFAULTS = new EmbedderOptions(1, 1, 1, 1, false);

    public EmbedderOptions {
        if (intraOpThreads < 1 || queryIntraOpThreads < 1 || parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "intraOpThreads, queryIntraOpThreads, parallelism and batchSize must be >= 1, were "
                            + intraOpThreads + ", " + queryIntraOpThreads + ", " + parallelism + ", " + batchSize);
        }
    }

    /** These options with {@code threads} ONNX Runtime threads per call for passages and concurrent questions. */
    public EmbedderOptions withIntraOpThreads(int threads) {
        return new EmbedderOptions(threads, queryIntraOpThreads, parallelism, batchSize, spinning);
    }

    /** These options with {@code threads} ONNX Runtime threads per call for a question that runs alone. */
    public EmbedderOptions withQueryIntraOpThreads(int threads) {
        return new EmbedderOptions(intraOpThreads, threads, parallelism, batchSize, spinning);
    }

    /** These options with {@code calls} inference calls at once when embedding passages. */
    public EmbedderOptions withParallelism(int calls) {
        return new EmbedderOptions(intraOpThreads, queryIntraOpThreads, calls, batchSize, spinning);
    }

    /** These options with {@code passages} passages per inference call. */
    public EmbedderOptions withBatchSize(int passages) {
        return new EmbedderOptions(intraOpThreads, queryIntraOpThreads, parallelism, passages, spinning);
    }

    /** These options with spinning intra-op threads on or off. */
    public EmbedderOptions withSpinning(boolean spin) {
        return new EmbedderOptions(intraOpThreads, queryIntraOpThreads, parallelism, batchSize, spin);
    }

    /** Whether questions that run alone get a session of their own, with {@link #queryIntraOpThreads()} threads. */
    boolean separateQuerySession() {
        return queryIntraOpThreads != intraOpThreads;
    }
}
