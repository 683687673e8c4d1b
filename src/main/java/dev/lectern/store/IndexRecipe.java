package dev.lectern.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a stored vector means. Vectors made with different recipes must never be
 * mixed in one index: a store records the recipe it was built with, and Lectern compares it with the running
 * configuration at start.
 *
 * @param modelId the embedding model, e.g. {@code all-minilm-l6-v2}
 * @param dimension vector length
 * @param maxTokens tokens the model reads per input, including special tokens
 * @param pooling how token vectors become one vector, e.g. {@code mean}
 * @param queryPrefix text put before each question before embedding
 * @param passagePrefix text put before each passage before embedding
 * @param passageTargetTokens the passage size the chunker aims for
 * @param passageOverlapTokens how much neighbouring passages share
 * @param passageMaxGapMillis the longest silence a passage may span, 0 for no limit
 * @param passageMaxDurationMillis the longest a passage may last, 0 for no limit
 */
public record IndexRecipe(
        String modelId,
        int dimension,
        int maxTokens,
        String pooling,
        String queryPrefix,
        String passagePrefix,
        int passageTargetTokens,
        int passageOverlapTokens,
        long passageMaxGapMillis,
        long passageMaxDurationMillis) {

    private static final String PREFIX = "lectern.recipe.";

    public IndexRecipe {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** Flat string form, for stores that keep metadata as key/value pairs. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(PREFIX + "model", modelId);
        map.put(PREFIX + "dimension", Integer.toString(dimension));
        map.put(PREFIX + "max-tokens", Integer.toString(maxTokens));
        map.put(PREFIX + "pooling", pooling);
        map.put(PREFIX + "query-prefix", queryPrefix);
        map.put(PREFIX + "passage-prefix", passagePrefix);
        map.put(PREFIX + "passage-target-tokens", Integer.toString(passageTargetTokens));
        map.put(PREFIX + "passage-overlap-tokens", Integer.toString(passageOverlapTokens));
        map.put(PREFIX + "passage-max-gap-ms", Long.toString(passageMaxGapMillis));
        map.put(PREFIX + "passage-max-duration-ms", Long.toString(passageMaxDurationMillis));
        return map;
    }

    /** Reads the form written by {@link #toMap()}; returns {@code null} when the map holds no recipe. */
    public static IndexRecipe fromMap(Map<String, String> map) {
        if (!map.containsKey(PREFIX + "model")) {
            return null;
        }
        return new IndexRecipe(
                map.get(PREFIX + "model"),
                Integer.parseInt(map.get(PREFIX + "dimension")),
                Integer.parseInt(map.get(PREFIX + "max-tokens")),
                map.get(PREFIX + "pooling"),
                map.get(PREFIX + "query-prefix"),
                map.get(PREFIX + "passage-prefix"),
                Integer.parseInt(map.get(PREFIX + "passage-target-tokens")),
                Integer.parseInt(map.get(PREFIX + "passage-overlap-tokens")),
                // Absent from indexes written before passages had limits in time: those had none.
                Long.parseLong(map.getOrDefault(PREFIX + "passage-max-gap-ms", "0")),
                Long.parseLong(map.getOrDefault(PREFIX + "passage-max-duration-ms", "0")));
    }

    /** A short human-readable description for logs and error messages. */
    public String describe() {
        return modelId + " (" + dimension + " dims, " + maxTokens + " tokens, " + pooling + " pooling, passages "
                + passageTargetTokens + "/" + passageOverlapTokens + " tokens, at most "
                + passageMaxGapMillis / 1000.0 + " s of silence and " + passageMaxDurationMillis / 1000.0 + " s)";
    }
}
