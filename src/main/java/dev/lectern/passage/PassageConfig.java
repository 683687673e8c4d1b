package dev.lectern.passage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Passage sizes, in model tokens. The hard limit is not configurable: it is the model's input length less
 * its special tokens and passage prefix, so no passage is ever truncated.
 */
@ConfigMapping(prefix = "lectern.passages")
public interface PassageConfig {

    /**
     * Size a passage aims for. Default 88 tokens: about 40 seconds of lecture speech (about 2 tokens per
     * second), short enough to point at one moment, long enough to hold an explanation. Chosen on the
     * development questions (docs/evaluation.md): 80-96 tokens with about 40 % overlap measured best.
     */
    @WithDefault("88")
    int targetTokens();

    /**
     * Text shared by neighbouring passages, so an answer that straddles a cut is found whole in one of them.
     * Default 36 tokens (about 40 % of the target): every moment lies well inside some passage.
     */
    @WithDefault("36")
    int overlapTokens();
}
