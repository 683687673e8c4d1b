package dev.lectern.chapter;

/**
 * The chapter settings in force, checked.
 *
 * @param minMillis the shortest chapter
 * @param maxMillis the longest chapter; at least twice {@code minMillis}, so that a too long chapter can always
 *     be cut in two legal ones
 * @param llmTitles whether a chat model writes the titles
 */
public record ChapterSettings(long minMillis, long maxMillis, boolean llmTitles) {

    /** Bumped whenever the algorithm changes what it computes, so stored outlines are recomputed. */
    static final int ALGORITHM_VERSION = 2;

    public ChapterSettings {
        if (minMillis < 1000) {
            throw new IllegalArgumentException(
                    "lectern.chapters.min-duration must be at least 1s, was " + minMillis + " ms");
        }
        if (maxMillis < 2 * minMillis) {
            throw new IllegalArgumentException("lectern.chapters.max-duration (" + maxMillis
                    + " ms) must be at least twice lectern.chapters.min-duration (" + minMillis + " ms)");
        }
    }

    /** The defaults of {@link ChapterConfig}: 2 to 15 minutes, offline titles. */
    public static ChapterSettings defaults() {
        return new ChapterSettings(120_000, 900_000, false);
    }

    /** Everything that decides what computed chapters look like, as one comparable string. */
    public String recipe() {
        return "tiling-v" + ALGORITHM_VERSION + ";min=" + minMillis + ";max=" + maxMillis + ";titles="
                + (llmTitles ? "llm" : "offline");
    }
}
