package dev.lectern.chapter;

/**
 * A chapter as a person gives it: where it starts and its title.
 *
 * @param startMillis where the chapter starts
 * @param title its heading, 1-{@value Chapter#MAX_TITLE_LENGTH} characters
 */
public record ProvidedChapter(long startMillis, String title) {}
