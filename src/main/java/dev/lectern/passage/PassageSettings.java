package dev.lectern.passage;

/**
 * How transcripts are cut into passages, in model tokens (see {@link TokenCounter}) and in time.
 *
 * @param maxTokens hard limit: no passage's text is ever longer, so the model never truncates one. It is the
 *     model's input limit less its special tokens and the passage prefix.
 * @param targetTokens the size a passage aims for; cuts prefer sentence ends between 60 % of this
 *     and the target itself
 * @param overlapTokens at most this much text of a passage's end is repeated at the start of the next one, so
 *     an answer that straddles a cut is still found whole
 * @param maxGapMillis a silence between two segments longer than this always ends a passage, so that no passage
 *     bridges it and every passage's start is where its speech starts; 0 for no limit
 * @param maxDurationMillis no passage lasts longer than this (unless one segment alone does): slow speech or
 *     sparse captions would otherwise make a passage of the target size span minutes; 0 for no limit
 */
public record PassageSettings(
        int maxTokens, int targetTokens, int overlapTokens, long maxGapMillis, long maxDurationMillis) {

    public PassageSettings {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("maxTokens must be >= 8, was " + maxTokens);
        }
        if (targetTokens < 8 || targetTokens > maxTokens) {
            throw new IllegalArgumentException(
                    "targetTokens must be between 8 and maxTokens (" + maxTokens + "), was " + targetTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= targetTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be between 0 and half of targetTokens ("
                    + targetTokens / 2 + "), was " + overlapTokens);
        }
        if (maxGapMillis < 0) {
            throw new IllegalArgumentException("maxGapMillis must be >= 0 (0 for no limit), was " + maxGapMillis);
        }
        if (maxDurationMillis < 0 || (maxDurationMillis > 0 && maxDurationMillis < 1000)) {
            throw new IllegalArgumentException(
                    "maxDurationMillis must be 0 (no limit) or at least 1000, was " + maxDurationMillis);
        }
    }

    /** Sizes in tokens only, with no limit in time. */
    public PassageSettings(int maxTokens, int targetTokens, int overlapTokens) {
        this(maxTokens, targetTokens, overlapTokens, 0, 0);
    }
}
