package dev.lectern.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Topic boundaries on synthetic lectures whose topics are known: each topic's passages share a direction. */
class TopicSegmenterTest {

    private static final long SEED = 0xC4A9L;
    private static final int DIMENSION = 32;
    private static final long STRIDE = 20_000; // a passage starts every 20 s, as with the default passages

    @Test
    void findsTheTopicChangesOfALecture() {
        System.out.println("TopicSegmenterTest seed: " + SEED);
        // Topics of 6, 10, 4 and 8 minutes.
        int[] minutes = {6, 10, 4, 8};
        Lecture lecture = lecture(minutes, new Random(SEED));
        List<Long> boundaries =
                TopicSegmenter.boundaries(lecture.blocks, lecture.segments, 0, lecture.end, ChapterSettings.defaults());
        List<Long> expected = List.of(6 * 60_000L, 16 * 60_000L, 20 * 60_000L);
        assertEquals(expected.size(), boundaries.size(), "boundaries " + boundaries);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(
                    Math.abs(boundaries.get(i) - expected.get(i)) <= STRIDE,
                    "boundary " + boundaries.get(i) + " ms, expected near " + expected.get(i));
        }
    }

    @Test
    void keepsEveryChapterWithinTheMinimumAndMaximum() {
        // One 40-minute topic must be cut (maximum 15 minutes); a 1-minute aside may not become a chapter.
        int[] minutes = {40, 1, 5};
        Lecture lecture = lecture(minutes, new Random(SEED));
        List<Long> boundaries =
                TopicSegmenter.boundaries(lecture.blocks, lecture.segments, 0, lecture.end, ChapterSettings.defaults());
        List<Long> edges = new ArrayList<>();
        edges.add(0L);
        edges.addAll(boundaries);
        edges.add(lecture.end);
        for (int i = 1; i < edges.size(); i++) {
            long length = edges.get(i) - edges.get(i - 1);
            assertTrue(length >= 120_000 && length <= 900_000, "chapter of " + length + " ms in " + edges);
        }
    }

    @Test
    void aLectureShorterThanTwoMinimumChaptersIsOneChapter() {
        Lecture lecture = lecture(new int[] {2, 1}, new Random(SEED));
        assertEquals(
                List.of(),
                TopicSegmenter.boundaries(
                        lecture.blocks, lecture.segments, 0, lecture.end, ChapterSettings.defaults()));
    }

    @Test
    void boundariesMoveToTheEndOfASentenceNearby() {
        int[] minutes = {6, 6};
        Lecture lecture = lecture(minutes, new Random(SEED));
        List<Long> boundaries =
                TopicSegmenter.boundaries(lecture.blocks, lecture.segments, 0, lecture.end, ChapterSettings.defaults());
        assertEquals(1, boundaries.size());
        Segment before = lecture.segments.stream()
                .filter(s -> s.endMillis() <= boundaries.get(0))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(before.text().endsWith("."), "a chapter starts after a sentence ends: " + before);
    }

    private record Lecture(List<TopicSegmenter.Block> blocks, List<Segment> segments, long end) {}

    /** Topics of the given minutes; passages every 20 s near their topic's direction; sentences of 3 segments. */
    private static Lecture lecture(int[] minutes, Random random) {
        List<TopicSegmenter.Block> blocks = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        long at = 0;
        for (int topic = 0; topic < minutes.length; topic++) {
            float[] direction = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                direction[d] = (float) random.nextGaussian();
            }
            long topicEnd = at + minutes[topic] * 60_000L;
            for (; at < topicEnd; at += STRIDE) {
                float[] vector = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = direction[d] + 0.6f * (float) random.nextGaussian();
                }
                blocks.add(new TopicSegmenter.Block(at, vector));
            }
        }
        for (long s = 0; s < at; s += 5_000) {
            boolean sentenceEnd = (s / 5_000) % 3 == 2;
            segments.add(new Segment(s, s + 4_500, sentenceEnd ? "and so it ends." : "words go on"));
        }
        return new Lecture(blocks, segments, at);
    }
}
