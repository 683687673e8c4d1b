package dev.lectern.store;

import dev.lectern.passage.Passage;

/**
 * A passage found by a search.
 *
 * @param lectureId the lecture it belongs to
 * @param passage the passage, with its segments and times
 * @param score similarity to the query: cosine similarity in [-1, 1] for vector search, higher is better
 */
public record PassageHit(String lectureId, Passage passage, double score) {}
