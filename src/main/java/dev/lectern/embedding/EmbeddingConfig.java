package dev.lectern.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which sentence model embeds passages and questions, and how it runs. A built-in model needs only
 * {@code model}; another ONNX model needs {@code model-path}, {@code tokenizer-path} and usually
 * {@code pooling}, {@code max-tokens} and prefixes (see {@code embeddings/README.md}).
 */
@ConfigMapping(prefix = "lectern.embedding")
public interface EmbeddingConfig {

    /**
     * Built-in model id ({@code all-minilm-l6-v2-q}, {@code all-minilm-l6-v2}, {@code bge-small-en-v1.5},
     * {@code bge-small-en-v1.5-q}) or a name of your choice for a custom model. Default all-minilm-l6-v2-q (why:
     * docs/evaluation.md).
     */
    @WithDefault("all-minilm-l6-v2-q")
    @NotBlank
    String model();

    /** ONNX file of a custom model; overrides the built-in model's file. */
    Optional<Path> modelPath();

    /** HuggingFace {@code tokenizer.json} of a custom model. */
    Optional<Path> tokenizerPath();

    /** Pooling of a custom model: {@code mean} or {@code cls}. Default: the built-in model's, else mean. */
    Optional<Pooling> pooling();

    /** Input length the model was trained with, special tokens included. Default: the built-in model's. */
    @Positive
    OptionalInt maxTokens();

    /** Text put before each question, e.g. BGE's retrieval instruction. Default: the built-in model's. */
    Optional<String> queryPrefix();

    /** Text put before each passage, e.g. {@code passage: } for E5 models. Default: the built-in model's. */
    Optional<String> passagePrefix();

    /** ONNX Runtime threads inside one inference call. Default 1. */
    @WithDefault("1")
    @Positive
    int intraOpThreads();

    /**
     * ONNX Runtime threads of a question embedded while no other inference call runs (a second session of the
     * model; questions that arrive together use the one-thread-per-call session). Default: 2, or 1 on one core
     * (no second session).
     */
    @Positive
    OptionalInt queryIntraOpThreads();

    /**
     * Whether ONNX Runtime's intra-op threads beyond the calling one (those of the question session, or of
     * {@code intra-op-threads} above 1) spin for a while after each call, waiting for the next one, instead of
     * sleeping at once. ONNX Runtime spins by default; Lectern does not: a spinning thread takes a core from the
     * request's own work and from other requests (figures: docs/performance.md). Default false.
     */
    @WithDefault("false")
    boolean spinning();

    /** Inference calls run at once while ingesting. Default: the number of CPU cores. */
    @Positive
    OptionalInt parallelism();

    /** Passages per inference call while ingesting. Default 1 (no padding, stable vectors). */
    @WithDefault("1")
    @Positive
    int batchSize();

    /**
     * Questions whose vectors are kept, so a repeated question is not embedded again (when full, those least
     * likely to be asked again are dropped; 0 turns the cache off). Default 1024.
     */
    @WithDefault("1024")
    @PositiveOrZero
    int queryCacheSize();

    /**
     * Inference calls for requests (questions, answer sentences) run at once. Default: the number of CPU cores;
     * more only makes calls share cores and each one slower.
     */
    @Positive
    OptionalInt maxConcurrentQueries();

    /**
     * Requests that may wait for the model when {@code max-concurrent-queries} calls are running; one more is
     * answered at once with 503 and {@code Retry-After} instead of waiting. Default 64 (docs/performance.md).
     */
    @WithDefault("64")
    @PositiveOrZero
    int maxQueuedQueries();

    /**
     * What to do when the index on disk was built with another recipe (model, prefixes, passage sizes):
     * {@code reembed} every lecture from its stored transcript, or {@code fail} start with a message.
     */
    @WithDefault("reembed")
    RecipeChange onRecipeChange();

    /** Reaction to an index built with another embedding recipe. */
    enum RecipeChange {
        REEMBED,
        FAIL
    }
}
