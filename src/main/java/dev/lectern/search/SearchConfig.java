package dev.lectern.search;

import dev.lectern.store.SearchMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

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
    @Positive
    int defaultK();

    /** Most results one request may ask for. Default 50. */
    @WithDefault("50")
    @Positive
    int maxK();

    /** Longest question accepted, in characters after trimming. Default 1000. */
    @WithDefault("1000")
    @Positive
    int maxQueryLength();

    /**
     * Candidates fetched from the store per requested result, before hits that repeat the same moment are
     * merged away. Default 4.
     */
    @WithDefault("4")
    @Positive
    int candidatesPerResult();

    /**
     * How long Lectern searches by itself at start, after the store is ready and before it reports ready, so that
     * the first requests do not pay for loading, initialising and first compiling the request path (both embedding
     * sessions, every search mode). {@code 0} skips it. Default 300ms; a search under way when the time is up is
     * finished, so on a slow or busy machine the first, cold searches can make it last longer.
     */
    @WithDefault("300ms")
    @DurationMin(nanos = 0, message = "must not be negative")
    Duration warmUp();

    /**
     * Whether a question's words that the lecture never contains are searched also as the lecture's words that
     * sound or are spelled like them ("LLaVA" as "Lava", "ZeRO" as "Xero"), learned from the indexed text.
     * Only the keyword leg reads them. Default true (docs/evaluation.md).
     */
    @WithDefault("true")
    boolean expandTerms();

    /**
     * Small to big: how much the best single sentence of each of the first ten results counts beside the result's
     * own score (its cosine similarity with the question is added, times this), so a passage that says the answer
     * in one sentence is not outranked by one that only talks around it; the whole passage is still returned.
     * {@code 0} turns it off. Each passage's sentences are embedded once, the first time it is a result, and kept.
     * Default 0 (docs/evaluation.md).
     */
    @WithDefault("0")
    @DecimalMin("0")
    double sentenceWeight();

    /**
     * How much a result is held back for lying close in time to a better one already returned, 0-1: 0 orders by
     * score alone, higher values spread results over more moments of a lecture (maximal marginal relevance over
     * time), which helps questions about several things. Default 0 (docs/evaluation.md).
     */
    @WithDefault("0")
    @DecimalMin("0")
    @DecimalMax("1")
    double timeDiversity();

    /**
     * Within how many seconds of a better result another one counts as the same moment for
     * {@code time-diversity}: the closeness penalty falls off as exp(-gap / this). Default 120.
     */
    @WithDefault("120")
    @Positive
    double timeDiversitySeconds();

    /**
     * The confidence score (0-1, a logistic model of several signals, exposed as {@code confidence} by
     * {@code POST /api/ask}) above which an answer is {@code confident: true}. Raise it to flag more questions the
     * lecture does not answer, at the cost of flagging some it does. Default 0.47: the highest point that keeps 95 %
     * of the development questions the lecture answers confident (the rule cross-validated in docs/evaluation.md,
     * which also has the reliability table to choose another).
     */
    @WithDefault("0.47")
    @DecimalMin("0")
    @DecimalMax("1")
    double confidenceOperatingPoint();

    /**
     * Sentence vectors {@code POST /api/ask} keeps (when full, those least likely to be used again are dropped):
     * an answer compares the question with every sentence of its best passages, and the same passages answer many
     * questions. About 1.6 KB each with the default model (384 dimensions); 0 keeps none. Default 4096.
     */
    @WithDefault("4096")
    @PositiveOrZero
    int sentenceVectorCacheSize();
}
