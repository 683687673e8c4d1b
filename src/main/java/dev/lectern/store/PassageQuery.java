package dev.lectern.store;

/**
 * What to look for in a store.
 *
 * @param vector the embedded question, same recipe as the store
 * @param text the question as typed, for the keyword leg
 * @param mode which evidence to use
 * @param limit how many passages to return at most
 * @param lectureId only search this lecture, or {@code null} for all
 */
public record PassageQuery(float[] vector, String text, SearchMode mode, int limit, String lectureId) {

    public PassageQuery {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector must not be empty");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must be set");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
    }
}
