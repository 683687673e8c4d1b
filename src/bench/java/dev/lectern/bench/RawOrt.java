package dev.lectern.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lectern.embedding.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference Lectern is measured against: ONNX Runtime called directly, in the best configuration found for
 * these models (issue 7): batch 1 (no padding), optimisation ALL, sequential execution, the given intra-op
 * threads. Tokenisation and mean pooling are included, as any embedding needs them; nothing else is.
 */
final class RawOrt implements AutoCloseable {

    private final ModelSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final boolean tokenTypes;

    RawOrt(ModelSpec spec, int intraOpThreads) throws IOException, OrtException {
        this(spec, intraOpThreads, true);
    }

    /**
     * @param spinning ONNX Runtime's {@code session.intra_op.allow_spinning}: whether the session's extra intra-op
     *     threads spin after a call, waiting for the next one (its default), or sleep at once
     */
    RawOrt(ModelSpec spec, int intraOpThreads, boolean spinning) throws IOException, OrtException {
        this.spec = spec;
        Map<String, String> options = new HashMap<>();
        options.put("truncation", "false");
        options.put("padding", "false");
        try (InputStream in = spec.tokenizer().open()) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, options);
        }
        try (InputStream in = spec.model().open();
                OrtSession.SessionOptions session = new OrtSession.SessionOptions()) {
            session.setIntraOpNumThreads(intraOpThreads);
            session.setInterOpNumThreads(1);
            session.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            session.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(in.readAllBytes(), session);
        }
        this.tokenTypes = this.session.getInputNames().contains("token_type_ids");
    }

    /** Embeds one text alone, mean-pooled (or CLS) and L2-normalised. */
    float[] embed(String text) throws OrtException {
        long[] ids = tokenizer.encode(text, true, false).getIds();
        if (ids.length > spec.maxTokens()) {
            long last = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, spec.maxTokens());
            ids[ids.length - 1] = last;
        }
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, new long[][] {mask}));
            if (tokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, new long[][] {new long[ids.length]}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                long[] shape = output.getInfo().getShape();
                int hidden = (int) shape[2];
                FloatBuffer tokens = output.getFloatBuffer();
                float[] vector = new float[hidden];
                if (spec.pooling().name().equals("CLS")) {
                    tokens.get(0, vector);
                } else {
                    for (int t = 0; t < ids.length; t++) {
                        for (int d = 0; d < hidden; d++) {
                            vector[d] += tokens.get(t * hidden + d);
                        }
                    }
                }
                double norm = 0;
                for (float v : vector) {
                    norm += v * v;
                }
                float scale = (float) (1 / Math.sqrt(norm));
                for (int d = 0; d < hidden; d++) {
                    vector[d] *= scale;
                }
                return vector;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
