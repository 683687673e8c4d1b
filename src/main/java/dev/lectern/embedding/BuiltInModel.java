package dev.lectern.embedding;

import dev.lectern.embedding.ModelSpec.Resource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sentence models Lectern knows how to use without further configuration. Their files come from LangChain4j's
 * Maven artifacts, so nothing is downloaded at run time.
 */
public enum BuiltInModel {
    /**
     * sentence-transformers/all-MiniLM-L6-v2: 384 dimensions, mean pooling, trained at 256 tokens. The
     * {@code tokenizer.json} in the artifact truncates and pads at 128; Lectern overrides both.
     */
    ALL_MINILM_L6_V2(
            "all-minilm-l6-v2",
            "/all-minilm-l6-v2.onnx",
            "/all-minilm-l6-v2-tokenizer.json",
            Pooling.MEAN,
            256,
            "",
            ""),
    /** all-MiniLM-L6-v2 quantized to int8 (same tokenizer, pooling and 256-token window); about 4x smaller. */
    ALL_MINILM_L6_V2_Q(
            "all-minilm-l6-v2-q",
            "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json",
            Pooling.MEAN,
            256,
            "",
            ""),
    /**
     * BAAI/bge-small-en-v1.5 (Xenova's ONNX export): 384 dimensions, CLS pooling, 512 tokens; questions get BGE's
     * retrieval instruction, passages nothing.
     */
    BGE_SMALL_EN_V15(
            "bge-small-en-v1.5",
            "/bge-small-en-v1.5.onnx",
            "/bge-small-en-v1.5-tokenizer.json",
            Pooling.CLS,
            512,
            BgeInstruction.QUERY,
            ""),
    /** bge-small-en-v1.5 quantized to int8, used exactly like the fp32 model. */
    BGE_SMALL_EN_V15_Q(
            "bge-small-en-v1.5-q",
            "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json",
            Pooling.CLS,
            512,
            BgeInstruction.QUERY,
            "");

    private final ModelSpec spec;

    /** BGE's published retrieval instruction for English questions. */
    private static final class BgeInstruction {
        static final String QUERY = "Represent this sentence for searching relevant passages: ";
    }

    BuiltInModel(
            String id,
            String model,
            String tokenizer,
            Pooling pooling,
            int maxTokens,
            String queryPrefix,
            String passagePrefix) {
        this.spec = new ModelSpec(
                id,
                Resource.classpath(model),
                Resource.classpath(tokenizer),
                pooling,
                maxTokens,
                queryPrefix,
                passagePrefix);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The built-in model with this id, if any. */
    public static Optional<BuiltInModel> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.spec.id().equals(id)).findFirst();
    }
}
