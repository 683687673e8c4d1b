package dev.lectern.chapter;

import java.util.List;
import java.util.Locale;

/**
 * A lecture's chapters: contiguous, in time order, covering the whole lecture.
 *
 * @param source whether Lectern computed the chapters or a person provided them
 * @param chapters at least one, contiguous: each ends where the next starts
 * @param recipe how computed chapters were made ({@link ChapterSettings#recipe()}), so a change of settings is
 *     noticed at start; {@code null} for provided chapters
 */
public record Outline(Source source, List<Chapter> chapters, String recipe) {

    /** Who made the chapters. */
    public enum Source {
        /** Computed at ingest from the transcript. */
        COMPUTED,
        /** Provided through {@code PUT /api/lectures/{id}/chapters}; they win until the text changes. */
        PROVIDED;

        /** The name in the API: {@code computed} or {@code provided}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@link #id()}. */
        public static Source fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public Outline {
        if (source == null) {
            throw new IllegalArgumentException("an outline needs a source");
        }
        if (chapters == null || chapters.isEmpty()) {
            throw new IllegalArgumentException("an outline needs at least one chapter");
        }
        chapters = List.copyOf(chapters);
        for (int i = 0; i < chapters.size(); i++) {
            Chapter chapter = chapters.get(i);
            if (chapter.index() != i) {
                throw new IllegalArgumentException("chapter " + i + " has index " + chapter.index());
            }
            if (i > 0 && chapters.get(i - 1).endMillis() != chapter.startMillis()) {
                throw new IllegalArgumentException(
                        "chapter " + i + " starts at " + chapter.startMillis() + " ms, not where chapter " + (i - 1)
                                + " ends (" + chapters.get(i - 1).endMillis() + " ms)");
            }
        }
    }

    /**
     * One chapter spanning a whole lecture, titled with the lecture's title: what a lecture stored without
     * chapters (by an older Lectern, until the next start computes them) reads as.
     */
    public static Outline whole(String lectureTitle, long endMillis) {
        String title = lectureTitle.length() > Chapter.MAX_COMPUTED_TITLE_LENGTH
                ? lectureTitle.substring(0, Chapter.MAX_COMPUTED_TITLE_LENGTH)
                : lectureTitle;
        return new Outline(Source.COMPUTED, List.of(new Chapter(0, title, 0, endMillis, List.of())), null);
    }

    /** The chapter that holds the moment {@code millis}: the last one starting at or before it. */
    public Chapter chapterAt(long millis) {
        Chapter found = chapters.get(0);
        for (Chapter chapter : chapters) {
            if (chapter.startMillis() <= millis) {
                found = chapter;
            } else {
                break;
            }
        }
        return found;
    }
}
