package dev.lectern.search;

import java.util.List;

/** What a search found, best first, and the embedded question, so that answers can reuse it. */
public record SearchResults(List<SearchHit> hits, float[] queryVector, long tookMillis) {}
