package dev.lectern.store;

import dev.lectern.passage.Passage;

/**
 * A passage found by a search, with why it ranked where it did.
 *
 * @param lectureId the lecture it belongs to
 * @param passage the passage, with its segments and times
 * @param score what the results are ordered by, higher is better: for hybrid search the reciprocal-rank fusion
 *     score scaled so that first place in both legs is 1; for vector search the cosine similarity; for keyword
 *     search the BM25 score scaled so that the best hit is 1
 * @param vectorSimilarity cosine similarity between question and passage, whatever the mode: how well the
 *     passage matches in meaning, comparable across questions; NaN when the query carried no vector (keyword mode)
 * @param vectorRank 1-based rank by similarity among all candidates of this search (both legs' finds), or 0 in
 *     keyword mode
 * @param keywordRank 1-based rank by BM25 among the candidates whose words match, or 0 when its words did not
 *     match or in vector mode
 */
public record PassageHit(
        String lectureId, Passage passage, double score, double vectorSimilarity, int vectorRank, int keywordRank) {}
