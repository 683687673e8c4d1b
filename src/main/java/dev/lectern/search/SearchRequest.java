package dev.lectern.search;

import dev.lectern.store.SearchMode;

/**
 * A question to search for.
 *
 * @param query the question, already validated for length
 * @param k how many results to return
 * @param lectureId restrict to this lecture, or {@code null} for all
 * @param mode which evidence to use
 */
public record SearchRequest(String query, int k, String lectureId, SearchMode mode) {}
