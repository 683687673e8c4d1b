package dev.lectern.search;

import java.util.List;

/**
 * An answer to a question.
 *
 * @param answer the best-supported sentence(s), or {@code null} when nothing was found
 * @param confident whether {@code confidence} is above the configured operating point: the lectures likely answer
 *     the question
 * @param confidence the estimated probability, 0-1, that the lectures answer the question (see
 *     {@link ConfidenceModel})
 * @param signals the evidence {@code confidence} was computed from, or {@code null} when nothing was found
 * @param hits the passages the answer was drawn from, best first
 */
public record AskResult(
        ExtractiveAnswer answer,
        boolean confident,
        double confidence,
        ConfidenceSignals signals,
        List<SearchHit> hits) {}
