package dev.lectern.eval;

import java.util.List;

/**
 * One line of a gold question file: a question, the time spans of the lecture that answer it (empty when the
 * lecture does not answer it), and a free label used to break results down.
 *
 * @param spans {@code [startSeconds, endSeconds]} pairs
 * @param lectureId the lecture to search, or {@code null} for the whole corpus
 */
public record GoldQuestion(String id, String question, List<double[]> spans, String kind, String lectureId) {

    /** Whether the lecture answers the question at all. */
    public boolean answerable() {
        return !spans.isEmpty();
    }

    /** Whether {@code [startSeconds, endSeconds]} overlaps a gold span. */
    public boolean hits(double startSeconds, double endSeconds) {
        return spans.stream().anyMatch(span -> startSeconds < span[1] && span[0] < endSeconds);
    }
}
