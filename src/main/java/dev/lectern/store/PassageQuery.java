package dev.lectern.store;

/**
 * What to look for in a store.
 *
 * @param vector the embedded question, same recipe as the store; may be {@code null} in keyword mode, which does
 *     not need it (the hits' {@link PassageHit#vectorSimilarity()} is then NaN)
 * @param text the question as typed, for the keyword leg
 * @param mode which evidence to use
 * @param limit how many passages to return at most
 * @param lectureId only search this lecture, or {@code null} for all
 */
public record PassageQuery(float[] vector, String text, SearchMode mode, int limit, String lectureId) {

    public PassageQuery {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be set");
        }
        if ((vector == null && mode != SearchMode.KEYWORD) || (vector != null && vector.length == 0)) {
            throw new IllegalArgumentException("vector must not be empty (it may be absent only in keyword mode)");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
    }
}
