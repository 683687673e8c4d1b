package dev.lectern.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Loads the configured sentence model once, at start. */
@ApplicationScoped
class EmbeddingProducer {

    private static final Logger LOG = Logger.getLogger(EmbeddingProducer.class);

    @Produces
    @Singleton
    SentenceEmbedder embedder(EmbeddingConfig config) {
        ModelSpec spec = resolve(config);
        long started = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = config.parallelism().orElse(cores);
        int queryThreads = config.queryIntraOpThreads().orElse(Math.min(2, cores));
        EmbedderOptions options = new EmbedderOptions(
                config.intraOpThreads(), queryThreads, parallelism, config.batchSize(), config.spinning());
        SentenceEmbedder embedder = new SentenceEmbedder(spec, options);
        LOG.infof(
                "Loaded embedding model %s (%d dimensions, %d tokens, %s pooling) from %s in %d ms",
                spec.id(),
                embedder.dimension(),
                spec.maxTokens(),
                spec.pooling(),
                spec.model(),
                (System.nanoTime() - started) / 1_000_000);
        return embedder;
    }

    void close(@Disposes SentenceEmbedder embedder) {
        embedder.close();
    }

    /** A built-in model with any overrides from configuration, or a custom model from files. */
    static ModelSpec resolve(EmbeddingConfig config) {
        ModelSpec base =
                BuiltInModel.byId(config.model()).map(BuiltInModel::spec).orElse(null);
        if (base == null
                && (config.modelPath().isEmpty() || config.tokenizerPath().isEmpty())) {
            throw new IllegalStateException("lectern.embedding.model='" + config.model()
                    + "' is not a built-in model (built-in: all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-en-v1.5, bge-small-en-v1.5-q); for a custom model also set"
                    + " lectern.embedding.model-path and lectern.embedding.tokenizer-path");
        }
        return new ModelSpec(
                config.model(),
                config.modelPath().map(ModelSpec.Resource::file).orElseGet(() -> base.model()),
                config.tokenizerPath().map(ModelSpec.Resource::file).orElseGet(() -> base.tokenizer()),
                config.pooling().orElse(base == null ? Pooling.MEAN : base.pooling()),
                config.maxTokens().orElse(base == null ? 512 : base.maxTokens()),
                config.queryPrefix().orElse(base == null ? "" : base.queryPrefix()),
                config.passagePrefix().orElse(base == null ? "" : base.passagePrefix()));
    }
}
