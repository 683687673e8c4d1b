package dev.lectern.search;

import dev.lectern.store.SearchMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and thresholds of search and ask. */
@ConfigMapping(prefix = "lectern.search")
public interface SearchConfig {

    /**
     * Search mode when a request does not say: {@code hybrid} (meaning and words, fused), {@code vector} or
     * {@code keyword}. Default hybrid.
     */
    @WithDefault("hybrid")
    SearchMode defaultMode();

    /** Results returned when a request does not say. Default 5. */
    @WithDefault("5")
    int defaultK();

    /** Most results one request may ask for. Default 50. */
    @WithDefault("50")
    int maxK();

    /** Longest question accepted, in characters after trimming. Default 1000. */
    @WithDefault("1000")
    int maxQueryLength();

    /**
     * Candidates fetched from the store per requested result, before hits that repeat the same moment are
     * merged away. Default 4.
     */
    @WithDefault("4")
    int candidatesPerResult();

    /**
     * How long Lectern searches by itself at start, after the store is ready and before it reports ready, so that
     * the first requests do not pay for loading, initialising and first compiling the request path (both embedding
     * sessions, every search mode). {@code 0} skips it. Default 300ms; a search under way when the time is up is
     * finished, so on a slow or busy machine the first, cold searches can make it last longer.
     */
    @WithDefault("300ms")
    Duration warmUp();

    /**
     * Cosine similarity (question to passage, whatever the search mode) of the best result below which
     * {@code /api/ask} answers {@code confident: false}: the lecture probably does not talk about the question at
     * all. Default 0.2, just above off-topic questions (0.11-0.18 against the sample lecture with all-MiniLM-L6-v2);
     * see docs/evaluation.md. Questions on the lecture's topic
     * that ask for a figure or a name it never says are caught by the answer-type check instead.
     */
    @WithDefault("0.2")
    double confidenceThreshold();
}
