package dev.lectern.passage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Passage sizes, in model tokens and in time. The hard limit is not configurable: it is the model's input length less
 * its special tokens and passage prefix, so no passage is ever truncated.
 */
@ConfigMapping(prefix = "lectern.passages")
public interface PassageConfig {

    /**
     * Size a passage aims for: short enough to point at one moment, long enough to hold an explanation.
     * Default 88 tokens, chosen on the development questions (docs/evaluation.md).
     */
    @WithDefault("88")
    @Min(8)
    int targetTokens();

    /**
     * Text shared by neighbouring passages, so an answer that straddles a cut is found whole in one of them.
     * Default 36 tokens: every moment lies well inside some passage.
     */
    @WithDefault("36")
    @PositiveOrZero
    int overlapTokens();

    /**
     * Longest silence a passage may span: a longer pause between two segments always ends a passage, so the
     * time a result cites is where its words are said. Default 10s (docs/evaluation.md); {@code 0s} for no
     * limit.
     */
    @WithDefault("10s")
    @DurationMin(nanos = 0, message = "must not be negative")
    Duration maxGap();

    /**
     * Longest a passage may last, whatever its size in tokens: slow speech or sparse captions would otherwise
     * stretch one passage over minutes. Default 45s (chosen by cross-validation: docs/evaluation.md); {@code 0s}
     * for no limit.
     */
    @WithDefault("45s")
    @DurationMin(nanos = 0, message = "must not be negative")
    Duration maxDuration();
}
