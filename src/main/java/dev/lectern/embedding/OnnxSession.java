package dev.lectern.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session of a sentence model: a batch of inputs in, one vector per token out.
 *
 * <p>Not guarded against {@link #close()}: {@link SentenceEmbedder} runs every call under its lifecycle lock, since
 * freeing a session under a call still running in it crashes the JVM.
 */
final class OnnxSession implements AutoCloseable {

    private final String modelId;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean wantsTokenTypes;

    private OnnxSession(String modelId, OrtEnvironment environment, OrtSession session) {
        this.modelId = modelId;
        this.environment = environment;
        this.session = session;
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Creates a session of {@code model} with {@code intraOpThreads} threads per call.
     *
     * @param spinning whether the threads beyond the calling one spin after each call instead of sleeping
     */
    static OnnxSession create(String modelId, byte[] model, int intraOpThreads, boolean spinning) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
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
            return new OnnxSession(modelId, environment, environment.createSession(model, options));
        }
    }

    /**
     * Runs the model on {@code batch}, padded to its longest input.
     *
     * @throws EmbeddingException when ONNX Runtime fails or the model does not return token vectors
     */
    TokenVectors run(List<Tokens> batch) {
        int rows = batch.size();
        int length = batch.stream().mapToInt(Tokens::length).max().orElse(0);
        long[][] ids = new long[rows][length];
        long[][] mask = new long[rows][length];
        long[][] types = new long[rows][length];
        int[] tokenCounts = new int[rows];
        for (int r = 0; r < rows; r++) {
            Tokens tokens = batch.get(r);
            System.arraycopy(tokens.ids(), 0, ids[r], 0, tokens.length());
            System.arraycopy(tokens.typeIds(), 0, types[r], 0, tokens.typeIds().length);
            Arrays.fill(mask[r], 0, tokens.length(), 1L);
            tokenCounts[r] = tokens.length();
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            }
            return run(inputs, tokenCounts);
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime failed to run " + modelId + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private TokenVectors run(Map<String, OnnxTensor> inputs, int[] tokenCounts) throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            if (shape.length != 3) {
                throw new EmbeddingException("model " + modelId + " returned a tensor of shape "
                        + Arrays.toString(shape) + "; expected token vectors [batch, tokens, dimension]");
            }
            int length = (int) shape[1];
            int hidden = (int) shape[2];
            // One bulk copy out of ONNX Runtime's direct buffer: reading it value by value, a bounds check each
            // time, showed in profiles of /api/search (DirectByteBuffer.ix, 4.5 % of the Java samples at c=32).
            FloatBuffer buffer = output.getFloatBuffer();
            float[] values = new float[tokenCounts.length * length * hidden];
            buffer.get(0, values);
            return new TokenVectors(values, tokenCounts, length, hidden);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
