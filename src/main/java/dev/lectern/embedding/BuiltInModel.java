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
