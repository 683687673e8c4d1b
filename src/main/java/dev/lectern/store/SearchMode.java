package dev.lectern.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which evidence a search uses. */
public enum SearchMode {
    /** Meaning (vectors) and words (BM25) fused by reciprocal rank: finds paraphrases and exact names alike. */
    HYBRID,
    /** Nearest passages by embedding only. */
    VECTOR,
    /** BM25 over the passage text only, with stemming and sound-alike matching of words. */
    KEYWORD;

    /** The name used in URLs, e.g. {@code hybrid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a mode name as given by a client.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static SearchMode fromId(String id) {
        for (SearchMode mode : values()) {
            if (mode.id().equalsIgnoreCase(id.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown search mode '" + id + "'; use one of "
                + Arrays.stream(values()).map(SearchMode::id).collect(Collectors.joining(", ")));
    }
}
