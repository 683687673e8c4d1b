package dev.lectern.passage;

/**
 * How transcripts are cut into passages, in model tokens (see {@link TokenCounter}).
 *
 * @param maxTokens hard limit: no passage's text is ever longer, so the model never truncates one. It is the
 *     model's input limit less its special tokens and the passage prefix.
 * @param targetTokens the size a passage aims for; cuts prefer sentence ends between 60 % of this
 *     and the target itself
 * @param overlapTokens at most this much text of a passage's end is repeated at the start of the next one, so
 *     an answer that straddles a cut is still found whole
 */
public record PassageSettings(int maxTokens, int targetTokens, int overlapTokens) {

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
    }
}
