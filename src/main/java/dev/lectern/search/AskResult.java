package dev.lectern.search;

import java.util.List;

/**
 * An answer to a question.
 *
 * @param answer the best-supported sentence(s), or {@code null} when nothing was found
 * @param confident whether the best passage matches well enough that the lecture likely answers the question
 * @param hits the passages the answer was drawn from, best first
 */
public record AskResult(ExtractiveAnswer answer, boolean confident, List<SearchHit> hits) {}
