package dev.lectern.search;

import java.util.List;

/**
 * What a search found, best first, and the embedded question, so that answers can reuse it ({@code null} when the
 * search did not embed it: keyword mode).
 */
public record SearchResults(List<SearchHit> hits, float[] queryVector, long tookMillis) {}
