package dev.lectern.passage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Passage sizes, in model tokens and in time. The hard limit is not configurable: it is the model's input length less
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

    /**
     * Longest silence a passage may span: a longer pause between two segments always ends a passage, so the
     * time a result cites is where its words are said. Default 10s (docs/evaluation.md); {@code 0s} for no
     * limit.
     */
    @WithDefault("10s")
    Duration maxGap();

    /**
     * Longest a passage may last, whatever its size in tokens: slow speech or sparse captions would otherwise
     * stretch one passage over minutes. Default 45s (chosen by cross-validation among 45, 60 and 90 s:
     * docs/evaluation.md); {@code 0s} for no limit.
     */
    @WithDefault("45s")
    Duration maxDuration();
}
