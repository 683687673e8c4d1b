package dev.lectern.search;

import dev.lectern.lecture.Lecture;
import dev.lectern.passage.Passage;

/**
 * One result of a search: a passage of a lecture, how well it matches, the sentence that matches best and a
 * link to the moment.
 *
 * @param score what results are ordered by, higher is better (see {@link dev.lectern.store.PassageHit#score()})
 * @param similarity cosine similarity between question and passage, comparable across questions; NaN when the
 *     question was not embedded (keyword search)
 * @param link the lecture's source at the passage's start, or {@code null} without a source URL
 */
public record SearchHit(
        Lecture lecture, Passage passage, double score, double similarity, TimedSentence highlight, String link) {}
