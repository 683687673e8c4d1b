package dev.lectern.search;

/**
 * The sentence(s) of the lecture that best answer a question, quoted as said, with when they were said.
 *
 * @param link the lecture's source at {@code startMillis}, or {@code null}
 */
public record ExtractiveAnswer(String text, long startMillis, long endMillis, String lectureId, String link) {}
