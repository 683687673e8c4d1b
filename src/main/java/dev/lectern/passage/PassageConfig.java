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
     * Size a passage aims for. Default 96 tokens: about 45 seconds of lecture speech (about 2 tokens per
     * second), short enough to point at one moment, long enough to hold an explanation.
     */
    @WithDefault("96")
    int targetTokens();

    /** Text shared by neighbouring passages, so an answer that straddles a cut is found whole. Default 24. */
    @WithDefault("24")
    int overlapTokens();
}
