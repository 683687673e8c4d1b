package dev.lectern.chapter;

import java.util.List;

/**
 * One section of a lecture's outline.
 *
 * @param index position in the outline, from 0
 * @param title a heading for the section: at most {@value #MAX_COMPUTED_TITLE_LENGTH} characters when computed
 * @param startMillis where the section starts; the first chapter starts where the transcript starts
 * @param endMillis where it ends: the next chapter's start, or the end of the lecture for the last one
 * @param keywords the section's most distinctive terms, most distinctive first (3-8 when the text has that many)
 */
public record Chapter(int index, String title, long startMillis, long endMillis, List<String> keywords) {

    /** The longest title Lectern computes; provided titles may be longer, up to {@link #MAX_TITLE_LENGTH}. */
    public static final int MAX_COMPUTED_TITLE_LENGTH = 60;

    /** The longest title accepted at all. */
    public static final int MAX_TITLE_LENGTH = 200;

    public Chapter {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a chapter title must not be blank");
        }
        title = title.strip();
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException(
                    "a chapter title is at most " + MAX_TITLE_LENGTH + " characters, was " + title.length());
        }
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException("a chapter must start at or after 0 and end at or after its start, was "
                    + startMillis + "-" + endMillis + " ms");
        }
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
