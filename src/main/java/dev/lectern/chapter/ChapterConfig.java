package dev.lectern.chapter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How Lectern cuts lectures into chapters at ingest. Changing any of these recomputes the computed chapters of
 * every stored lecture at the next start (provided chapters stay).
 */
@ConfigMapping(prefix = "lectern.chapters")
public interface ChapterConfig {

    /**
     * The shortest chapter. Default 2m: shorter sections are rarely worth a heading in a lecture. A lecture
     * shorter than this is one chapter. Also the width of the stretch of talk compared on either side of a
     * candidate boundary.
     */
    @WithDefault("2m")
    @DurationMin(nanos = 0, inclusive = false, message = "must be longer than 0")
    Duration minDuration();

    /**
     * The longest chapter; a longer stretch on one topic is cut where its talk changes most. Default 15m.
     * Must be at least twice min-duration.
     */
    @WithDefault("15m")
    @DurationMin(nanos = 0, inclusive = false, message = "must be longer than 0")
    Duration maxDuration();

    /**
     * Let the configured chat model ({@code lectern.llm.*}) write the chapter titles from each chapter's text,
     * instead of the offline titles made of the chapter's key phrases. Default false. When the model cannot be
     * reached, the offline titles are kept.
     */
    @WithDefault("false")
    boolean llmTitles();
}
