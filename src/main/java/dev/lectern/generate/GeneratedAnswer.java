package dev.lectern.generate;

import dev.lectern.search.SearchHit;
import java.util.List;

/**
 * An answer written by the configured model from the retrieved passages only.
 *
 * @param text the answer, with citations like {@code [00:16:26]} that each point into a cited passage
 * @param cited the passages its valid citations point to, in citation order, without repeats
 * @param removedCitations citations the model made to times no passage covers; removed from {@code text}
 * @param passages every passage the model was given
 */
public record GeneratedAnswer(
        String text, List<SearchHit> cited, List<String> removedCitations, List<SearchHit> passages) {}
