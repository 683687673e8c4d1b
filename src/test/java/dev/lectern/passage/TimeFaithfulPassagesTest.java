package dev.lectern.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.Transcripts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Passages respect the time line: no passage bridges a long silence or lasts far beyond the limit. */
class TimeFaithfulPassagesTest {

    private static final TokenCounter WORDS =
            text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    /** The defaults' limits: 10 s of silence, 45 s per passage; 88 / 36 tokens. */
    private static final PassageSettings SETTINGS = new PassageSettings(254, 88, 36, 10_000, 45_000);

    @Test
    void answerAfterATwoMinuteSilenceIsCitedWhereItIsSaid() {
        String srt = """
                1
                00:00:00,000 --> 00:00:08,000
                Welcome everyone, today we talk about transformers.

                2
                00:02:10,000 --> 00:02:20,000
                The answer is that attention lets every token look at every other token.
                """;
        List<Segment> segments = Transcripts.parse(srt.getBytes(StandardCharsets.UTF_8), TranscriptFormat.SRT);
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);

        assertEquals(2, passages.size(), "one passage on each side of the silence");
        assertEquals(0, passages.get(0).startMillis());
        assertEquals(8_000, passages.get(0).endMillis());
        assertEquals(130_000, passages.get(1).startMillis(), "the answer is cited at 00:02:10");
        assertTrue(passages.get(1).text().startsWith("The answer is"));
    }

    @Test
    void longPausesEndPassagesAndOverlapNeverCrossesThem() {
        // Ten sentences, a 30 s pause, ten more, a 12 s pause, ten more: pauses longer than 10 s split.
        List<Segment> segments = new ArrayList<>();
        long time = 0;
        for (int part = 0; part < 3; part++) {
            for (int i = 0; i < 10; i++) {
                segments.add(new Segment(time, time + 3_000, "part " + part + " sentence " + i + " of the talk."));
                time += 3_000;
            }
            time += part == 0 ? 30_000 : 12_000;
        }
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);

        for (Passage passage : passages) {
            assertNoLongGap(passage, 10_000);
            long parts = passage.segments().stream()
                    .map(s -> s.text().split(" ")[1])
                    .distinct()
                    .count();
            assertEquals(1, parts, "a passage mixes speech from both sides of a pause: " + passage.text());
        }
        // Short pauses (3 s between sentences here would be speech rhythm) never split on their own.
        List<Segment> rhythm = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rhythm.add(new Segment(i * 5_000L, i * 5_000L + 2_000, "word " + i + "."));
        }
        assertEquals(1, new PassageChunker(SETTINGS, WORDS).chunk(rhythm).size());
    }

    @Test
    void musicAndSoundDescriptionsAreNotSpeech() {
        List<Segment> segments = List.of(
                new Segment(0, 5_000, "[Music]"),
                new Segment(5_000, 60_000, "♪ ♪ ♪"),
                new Segment(60_000, 65_000, "(applause)"),
                new Segment(65_000, 70_000, "Thank you, let us begin with attention."),
                new Segment(70_000, 75_000, "[MUSIC PLAYING]"),
                new Segment(75_000, 80_000, "It lets every token see the others."));
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);

        assertEquals(1, passages.size());
        assertEquals(65_000, passages.get(0).startMillis(), "the passage starts where speech starts");
        assertFalse(passages.get(0).text().contains("Music"));
        assertTrue(PassageChunker.isSpeech("(laughs) So this is it."));
        assertFalse(PassageChunker.isSpeech("[ Music ] ♪"));
    }

    @Test
    void verySlowSpeechIsCutByDuration() {
        // One word every 6 seconds, no pause over 10 s: the token target alone would make 8-minute passages.
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            segments.add(new Segment(i * 6_000L, i * 6_000L + 1_000, "word" + i));
        }
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);

        for (Passage passage : passages) {
            assertTrue(passage.endMillis() - passage.startMillis() <= 45_000, "passage lasts " + duration(passage));
        }
        assertCovers(segments, passages);
    }

    @Test
    void oneOverlongSegmentIsCutIntoTimedPieces() {
        // A Whisper segment of three minutes: pieces within the limit, times interpolated, in order.
        String words = String.join(" ", java.util.Collections.nCopies(90, "slowly"));
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(List.of(new Segment(0, 180_000, words)));

        assertTrue(passages.size() >= 3, "passages: " + passages.size());
        long previousStart = -1;
        for (Passage passage : passages) {
            assertTrue(duration(passage) <= 45_000, "passage lasts " + duration(passage));
            assertTrue(passage.startMillis() > previousStart);
            previousStart = passage.startMillis();
        }
    }

    @Test
    void veryFastSpeechStillFollowsTheTokenTarget() {
        // Twelve words a second: the duration limit never binds, passages keep their size in tokens.
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            segments.add(new Segment(i * 1_000L, i * 1_000L + 1_000, "fast ".repeat(11) + "end" + i + "."));
        }
        List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);

        for (Passage passage : passages.subList(0, passages.size() - 1)) {
            int size = WORDS.count(passage.text());
            assertTrue(size > 88 * 0.6 && size <= 88, "passage of " + size + " tokens");
        }
        assertCovers(segments, passages);
    }

    @Test
    void randomTimelinesNeverBridgeLongGapsOrExceedTheDuration() {
        long seed = System.nanoTime();
        System.out.println("TimeFaithfulPassagesTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            List<Segment> segments = new ArrayList<>();
            long time = random.nextInt(5_000);
            for (int i = 0; i < 200; i++) {
                long length = 200 + random.nextInt(random.nextInt(10) == 0 ? 50_000 : 6_000);
                int words = 1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 15);
                segments.add(new Segment(time, time + length, "w ".repeat(words).strip() + "."));
                time += length + (random.nextInt(10) == 0 ? random.nextInt(40_000) : random.nextInt(1_500));
            }
            List<Passage> passages = new PassageChunker(SETTINGS, WORDS).chunk(segments);
            for (Passage passage : passages) {
                assertNoLongGap(passage, 10_000);
                // Only a passage of one segment that alone lasts longer (a single word: nothing to cut) may.
                assertTrue(
                        duration(passage) <= 45_000
                                || (passage.segments().size() == 1
                                        && !passage.text().contains(" ")),
                        "seed " + seed + ": passage lasts " + duration(passage) + ": " + passage.text());
            }
            assertCovers(segments, passages);
        }
    }

    private static void assertNoLongGap(Passage passage, long maxGap) {
        List<Segment> segments = passage.segments();
        for (int i = 1; i < segments.size(); i++) {
            long gap = segments.get(i).startMillis() - segments.get(i - 1).endMillis();
            assertTrue(gap <= maxGap, "passage bridges a silence of " + gap + " ms: " + passage.text());
        }
    }

    /** Every moment of speech is in some passage. */
    private static void assertCovers(List<Segment> segments, List<Passage> passages) {
        for (Segment segment : segments) {
            long middle = (segment.startMillis() + segment.endMillis()) / 2;
            assertTrue(
                    passages.stream().anyMatch(p -> p.startMillis() <= middle && middle <= p.endMillis()),
                    "no passage holds " + segment);
        }
    }

    private static long duration(Passage passage) {
        return passage.endMillis() - passage.startMillis();
    }
}
