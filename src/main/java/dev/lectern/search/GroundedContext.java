package dev.lectern.search;

import java.util.List;

/**
 * A prompt-ready block of numbered passages with their times, and the passages it holds, for a chatbot that
 * brings its own model.
 */
public record GroundedContext(String context, List<SearchHit> citations) {}
