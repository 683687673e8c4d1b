package dev.lectern.search;

import dev.lectern.chapter.Chapter;
import dev.lectern.lecture.Lecture;
import dev.lectern.passage.Passage;

/**
 * One result of a search: a passage of a lecture, how well it matches, the sentence that matches best, a link to
 * the moment and the chapter it belongs to.
 *
 * @param score what results are ordered by, higher is better (see {@link dev.lectern.store.PassageHit#score()})
 * @param similarity cosine similarity between question and passage, comparable across questions; NaN when the
 *     question was not embedded (keyword search)
 * @param link the lecture's source at the passage's start, or {@code null} without a source URL
 * @param chapter the chapter of the lecture in which the passage starts
 */
public record SearchHit(
        Lecture lecture,
        Passage passage,
        double score,
        double similarity,
        TimedSentence highlight,
        String link,
        Chapter chapter) {

    /** A hit whose chapter is the whole lecture (for callers that have no outline at hand). */
    public SearchHit(
            Lecture lecture, Passage passage, double score, double similarity, TimedSentence highlight, String link) {
        this(
                lecture,
                passage,
                score,
                similarity,
                highlight,
                link,
                dev.lectern.chapter.Outline.whole(lecture.title(), Math.round(lecture.durationSeconds() * 1000))
                        .chapters()
                        .get(0));
    }
}
