package dev.lectern.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PassageChunkerTest {

    /** One token per whitespace-separated word: additive over space-joined texts, like WordPiece. */
    private static final TokenCounter WORDS = text -> words(text).size();

    /** One token per started five characters of each word, so that a long word costs several tokens. */
    private static final TokenCounter CHARS = text ->
            words(text).stream().mapToInt(word -> (word.length() + 4) / 5).sum();

    /**
     * Charges extra for longer texts, so a joined passage costs more than its segments summed: only the final
     * re-count then keeps passages within maxTokens.
     */
    private static final TokenCounter NOT_ADDITIVE = text -> {
        int words = words(text).size();
        return words + (words - 1) / 3;
    };

    private static final Pattern SENTENCE_END = Pattern.compile("[.?!][\"'\u201D\u2019\u00BB)\\]}]*$");

    private static final List<PassageSettings> SETTINGS = List.of(
            new PassageSettings(8, 8, 3),
            new PassageSettings(16, 12, 5),
            new PassageSettings(32, 24, 6),
            new PassageSettings(64, 40, 0),
            new PassageSettings(128, 100, 30));

    // --- named properties ------------------------------------------------------------------------------

    @Test
    void neverExceedsMaxTokens() {
        PassageSettings settings = new PassageSettings(20, 16, 4);
        List<Segment> input = sentences(200, 1_000);
        List<Passage> passages = new PassageChunker(settings, CHARS).chunk(input);

        for (Passage passage : passages) {
            assertTrue(CHARS.count(passage.text()) <= settings.maxTokens(), passage::text);
        }
        assertProperties(input, passages, settings, CHARS, true);
    }

    @Test
    void neverExceedsMaxTokensWhenCountsAreNotAdditive() {
        PassageSettings settings = new PassageSettings(20, 18, 6);
        List<Segment> input = sentences(300, 2_000);
        List<Passage> passages = new PassageChunker(settings, NOT_ADDITIVE).chunk(input);

        for (Passage passage : passages) {
            assertTrue(NOT_ADDITIVE.count(passage.text()) <= settings.maxTokens(), passage::text);
        }
        assertProperties(input, passages, settings, NOT_ADDITIVE, false);
    }

    @Test
    void coversEverySegmentInOrder() {
        PassageSettings settings = new PassageSettings(32, 24, 8);
        List<Segment> input = sentences(150, 3_000);
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        String all = String.join(" ", passages.stream().map(Passage::text).toList());
        for (Segment segment : input) {
            assertTrue(all.contains(segment.text()), segment::text);
        }
        assertEquals(input, withoutOverlap(passages));
    }

    @Test
    void timesNeverDecrease() {
        PassageSettings settings = new PassageSettings(32, 24, 8);
        List<Segment> input = sentences(150, 3_000);
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            assertTrue(passage.startMillis() <= passage.endMillis());
            if (i > 0) {
                assertTrue(passages.get(i - 1).startMillis() <= passage.startMillis());
                assertTrue(passages.get(i - 1).endMillis() <= passage.endMillis());
            }
        }
    }

    @Test
    void overlapsNeighboursByAtMostOverlapTokens() {
        PassageSettings settings = new PassageSettings(40, 30, 10);
        List<Segment> input = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            input.add(new Segment(i * 1_000L, i * 1_000L + 900, "word" + i + " and more"));
        }
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        assertTrue(passages.size() > 5);
        for (int i = 1; i < passages.size(); i++) {
            List<Segment> overlap = overlap(passages.get(i - 1), passages.get(i));
            int overlapTokens =
                    overlap.stream().mapToInt(s -> WORDS.count(s.text())).sum();
            assertTrue(overlapTokens <= settings.overlapTokens(), "overlap " + overlapTokens);
            // With three-token segments and no sentence ends there is always room for three of them.
            assertEquals(3, overlap.size());
        }
    }

    @Test
    void noOverlapWhenOverlapTokensIsZero() {
        PassageSettings settings = new PassageSettings(40, 30, 0);
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(sentences(100, 1_000));

        for (int i = 1; i < passages.size(); i++) {
            assertTrue(overlap(passages.get(i - 1), passages.get(i)).isEmpty());
        }
    }

    @Test
    void prefersSentenceEnds() {
        PassageSettings settings = new PassageSettings(20, 10, 0);
        List<Segment> input = List.of(
                new Segment(0, 1_000, "one two three four"),
                new Segment(1_000, 2_000, "five six seven."), // 7 tokens: past 60% of the target
                new Segment(2_000, 3_000, "eight nine"), // 9: the greedy cut would come after this one
                new Segment(3_000, 4_000, "ten eleven twelve"));
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        assertEquals("one two three four five six seven.", passages.get(0).text());
        assertEquals("eight nine ten eleven twelve", passages.get(1).text());
    }

    @Test
    void prefersSentenceEndsAfterClosingQuotesAndBrackets() {
        PassageSettings settings = new PassageSettings(20, 10, 0);
        List<Segment> input = List.of(
                new Segment(0, 1_000, "one two three four"),
                new Segment(1_000, 2_000, "he said \"stop!\")"),
                new Segment(2_000, 3_000, "eight nine"),
                new Segment(3_000, 4_000, "ten eleven twelve"));
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        assertEquals("one two three four he said \"stop!\")", passages.get(0).text());
    }

    @Test
    void ignoresASentenceEndThatWouldLeaveTooShortAPassage() {
        PassageSettings settings = new PassageSettings(20, 10, 0);
        List<Segment> input = List.of(
                new Segment(0, 1_000, "one two."), // 2 tokens: under 60% of the target
                new Segment(1_000, 2_000, "three four five six"),
                new Segment(2_000, 3_000, "seven eight nine"),
                new Segment(3_000, 4_000, "ten eleven"));
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        assertEquals(
                "one two. three four five six seven eight nine", passages.get(0).text());
    }

    @Test
    void overlapStartsAtASentenceStart() {
        PassageSettings settings = new PassageSettings(40, 12, 5);
        List<Segment> input = List.of(
                new Segment(0, 1_000, "a b c d e"),
                new Segment(1_000, 2_000, "f."), // ends a sentence too early (6 tokens) to cut there
                new Segment(2_000, 3_000, "g h"),
                new Segment(3_000, 4_000, "i j"),
                new Segment(4_000, 5_000, "k l m")); // does not fit: the cut comes after "i j"
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(input);

        assertEquals("a b c d e f. g h i j", passages.get(0).text());
        // "f. g h i j" would fit the 5-token overlap too, but would start mid-sentence.
        assertEquals("g h i j k l m", passages.get(1).text());
    }

    @Test
    void splitsOneHugeSegment() {
        PassageSettings settings = new PassageSettings(50, 40, 0);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            text.append("w").append(i).append(i % 10 == 9 ? ".  " : " \n");
        }
        Segment huge = new Segment(60_000, 180_000, text.toString());
        List<Passage> passages = new PassageChunker(settings, WORDS).chunk(List.of(huge));

        List<Segment> pieces = withoutOverlap(passages);
        assertTrue(pieces.size() >= 1_000 / 50);
        long previousEnd = huge.startMillis();
        for (Segment piece : pieces) {
            assertTrue(WORDS.count(piece.text()) <= settings.maxTokens());
            assertTrue(piece.startMillis() >= previousEnd, "times must not go back");
            assertTrue(piece.endMillis() <= huge.endMillis());
            previousEnd = piece.endMillis();
        }
        assertEquals(huge.startMillis(), pieces.get(0).startMillis());
        assertEquals(huge.endMillis(), pieces.get(pieces.size() - 1).endMillis());
        assertEquals(
                words(huge.text()),
                words(String.join(" ", pieces.stream().map(Segment::text).toList())));
        // Sentences of ten words fit four to a piece, so every piece can end at a sentence end.
        for (Segment piece : pieces) {
            assertTrue(piece.text().endsWith("."), piece::text);
        }
        // Pieces are timed by character position: the middle of the text is spoken mid-segment.
        Segment middle = pieces.get(pieces.size() / 2);
        assertTrue(Math.abs(middle.startMillis() - 120_000) < 10_000, "start " + middle.startMillis());
    }

    @Test
    void splitsAWordLongerThanMaxTokens() {
        PassageSettings settings = new PassageSettings(8, 8, 2);
        String word = "x".repeat(300);
        List<Passage> passages = new PassageChunker(settings, CHARS).chunk(List.of(new Segment(0, 9_000, word)));

        for (Passage passage : passages) {
            assertTrue(CHARS.count(passage.text()) <= settings.maxTokens(), passage::text);
        }
        String rejoined = String.join(
                "", withoutOverlap(passages).stream().map(Segment::text).toList());
        assertEquals(word, rejoined.replace(" ", ""));
    }

    @Test
    void handlesEmptyInput() {
        assertTrue(new PassageChunker(SETTINGS.get(2), WORDS).chunk(List.of()).isEmpty());
    }

    @Test
    void handlesSingleShortSegment() {
        Segment only = new Segment(1_500, 2_500, "Hello there.");
        List<Passage> passages = new PassageChunker(SETTINGS.get(2), WORDS).chunk(List.of(only));

        assertEquals(List.of(new Passage(0, List.of(only))), passages);
    }

    @Test
    void zeroDurationCueAt00_00_00() {
        List<Segment> input = List.of(
                new Segment(0, 0, "Welcome."),
                new Segment(0, 0, "Captions by the department."),
                new Segment(0, 4_000, "Today we talk about entropy."));
        List<Passage> passages = new PassageChunker(SETTINGS.get(2), WORDS).chunk(input);

        assertEquals(1, passages.size());
        assertEquals(0, passages.get(0).startMillis());
        assertEquals(4_000, passages.get(0).endMillis());
        assertProperties(input, passages, SETTINGS.get(2), WORDS, true);

        List<Passage> alone = new PassageChunker(SETTINGS.get(2), WORDS).chunk(List.of(input.get(0)));
        assertEquals(0, alone.get(0).startMillis());
        assertEquals(0, alone.get(0).endMillis());
    }

    @Test
    void tenHourLecture() {
        PassageSettings settings = new PassageSettings(256, 200, 40);
        List<Segment> input = sentences(7_200, 5_000);
        assertEquals(36_000_000L, input.get(input.size() - 1).endMillis());

        List<Passage> passages = new PassageChunker(settings, CHARS).chunk(input);

        assertEquals(36_000_000L, passages.get(passages.size() - 1).endMillis());
        assertProperties(input, passages, settings, CHARS, true);
    }

    // --- randomised -----------------------------------------------------------------------------------

    @Test
    void randomisedProperties() {
        long seed = Long.getLong("chunker.seed", 20_240_611L);
        System.out.println("seed=" + seed);
        Random random = new Random(seed);
        List<TokenCounter> counters = List.of(WORDS, CHARS, NOT_ADDITIVE);
        for (int run = 0; run < 300; run++) {
            List<Segment> input = randomSegments(random);
            for (PassageSettings settings : SETTINGS) {
                for (TokenCounter counter : counters) {
                    String context =
                            "seed=" + seed + " run=" + run + " " + settings + " counter=" + counters.indexOf(counter);
                    try {
                        List<Passage> passages = new PassageChunker(settings, counter).chunk(input);
                        assertProperties(input, passages, settings, counter, counter != NOT_ADDITIVE);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(context + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** Mostly short segments, some of zero duration, some huge, with sentence ends scattered through. */
    private static List<Segment> randomSegments(Random random) {
        int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(60);
        List<Segment> segments = new ArrayList<>();
        long time = random.nextInt(3) == 0 ? 0 : random.nextInt(100_000);
        int wordNumber = 0;
        for (int i = 0; i < count; i++) {
            int wordCount = random.nextInt(25) == 0 ? 50 + random.nextInt(400) : 1 + random.nextInt(15);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < wordCount; w++) {
                // Numbered words keep every segment distinct, so overlaps can be found by equality.
                text.append(randomLetters(random)).append(wordNumber++);
                boolean last = w == wordCount - 1;
                if (random.nextInt(last ? 3 : 12) == 0) {
                    text.append(randomSentenceEnd(random));
                }
                text.append(random.nextInt(20) == 0 ? "\n" : " ");
            }
            long duration = random.nextInt(6) == 0 ? 0 : random.nextInt(wordCount * 600);
            segments.add(new Segment(time, time + duration, text.toString()));
            time += duration + (random.nextBoolean() ? 0 : random.nextInt(2_000));
        }
        return segments;
    }

    private static String randomLetters(Random random) {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 12 : 6);
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private static String randomSentenceEnd(Random random) {
        String[] ends = {".", "?", "!", ".\"", "?)", "!\u201D", ".]", ","};
        return ends[random.nextInt(ends.length)];
    }

    // --- the properties, checked together ---------------------------------------------------------------

    /**
     * Checks every property of a chunking. {@code additive} says the counter's counts of joined texts are the
     * sums of their parts, which is what the size and sentence-end properties rely on.
     */
    private static void assertProperties(
            List<Segment> input,
            List<Passage> passages,
            PassageSettings settings,
            TokenCounter counter,
            boolean additive) {
        if (input.isEmpty()) {
            assertTrue(passages.isEmpty());
            return;
        }
        assertFalse(passages.isEmpty());
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            assertEquals(i, passage.ordinal());
            assertTrue(counter.count(passage.text()) <= settings.maxTokens(), "too long: " + passage.text());
            assertTrue(passage.startMillis() <= passage.endMillis());
            if (additive) {
                assertTrue(
                        sum(passage.segments(), counter) <= settings.targetTokens()
                                || passage.segments().size() == 1,
                        "over target: " + passage.text());
            }
            if (i > 0) {
                assertNeighbours(passages.get(i - 1), passage, settings, counter);
            }
            if (additive && i < passages.size() - 1) {
                Passage previous = i == 0 ? null : passages.get(i - 1);
                assertCutAtSentenceEndWhenPossible(previous, passage, settings, counter);
            }
        }
        assertCovers(input, withoutOverlap(passages), settings, counter);
    }

    private static void assertNeighbours(
            Passage previous, Passage next, PassageSettings settings, TokenCounter counter) {
        List<Segment> overlap = overlap(previous, next);
        assertTrue(sum(overlap, counter) <= settings.overlapTokens(), "overlap too long");
        assertTrue(overlap.size() < previous.segments().size(), "must start after the previous first segment");
        assertTrue(overlap.size() < next.segments().size(), "must take a new segment");
        assertTrue(previous.startMillis() <= next.startMillis(), "starts must not decrease");
    }

    /**
     * A cut that is not at a sentence end is only allowed when no sentence end among the passage's new segments
     * leaves it 60% of the target.
     */
    private static void assertCutAtSentenceEndWhenPossible(
            Passage previous, Passage passage, PassageSettings settings, TokenCounter counter) {
        List<Segment> segments = passage.segments();
        if (endsSentence(segments.get(segments.size() - 1).text())) {
            return;
        }
        int firstNew = previous == null ? 0 : overlap(previous, passage).size();
        long minimum = (long) Math.ceil(settings.targetTokens() * 0.6);
        for (int last = firstNew; last < segments.size() - 1; last++) {
            if (endsSentence(segments.get(last).text())) {
                long kept = sum(segments.subList(0, last + 1), counter);
                assertTrue(
                        kept < minimum,
                        "should have cut after \"" + segments.get(last).text() + "\"");
            }
        }
    }

    /**
     * The passages' segments with each overlap dropped must be the input again, except that a segment too long
     * for maxTokens comes back as consecutive pieces: same words, times inside its span, not going back.
     */
    private static void assertCovers(
            List<Segment> input, List<Segment> output, PassageSettings settings, TokenCounter counter) {
        int at = 0;
        for (Segment segment : input) {
            if (counter.count(segment.text()) <= settings.maxTokens()) {
                assertTrue(at < output.size(), "missing " + segment);
                assertEquals(segment, output.get(at++));
                continue;
            }
            List<String> expected = words(segment.text());
            List<String> found = new ArrayList<>();
            long previousEnd = segment.startMillis();
            while (found.size() < expected.size()) {
                assertTrue(at < output.size(), "missing pieces of " + segment);
                Segment piece = output.get(at++);
                assertTrue(
                        piece.startMillis() >= previousEnd && piece.endMillis() <= segment.endMillis(),
                        "piece outside its segment's span or going back: " + piece);
                previousEnd = piece.endMillis();
                found.addAll(words(piece.text()));
            }
            assertEquals(expected, found);
        }
        assertEquals(output.size(), at, "extra segments");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** Numbered sentences of one to three segments, each segment {@code millis} long. */
    private static List<Segment> sentences(int count, long millis) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "segment number " + i + " says something" + (i % 3 == 2 ? "." : "");
            segments.add(new Segment(i * millis, (i + 1) * millis, text));
        }
        return segments;
    }

    /** The trailing segments of {@code previous} that {@code next} starts with; segments are all distinct. */
    private static List<Segment> overlap(Passage previous, Passage next) {
        List<Segment> before = previous.segments();
        int from = before.indexOf(next.segments().get(0));
        if (from < 0) {
            return List.of();
        }
        List<Segment> shared = before.subList(from, before.size());
        assertTrue(shared.size() <= next.segments().size(), "overlap must be a prefix of the next passage");
        assertEquals(shared, next.segments().subList(0, shared.size()), "overlap must be a prefix");
        return shared;
    }

    private static List<Segment> withoutOverlap(List<Passage> passages) {
        List<Segment> segments = new ArrayList<>();
        Passage previous = null;
        for (Passage passage : passages) {
            int skip = previous == null ? 0 : overlap(previous, passage).size();
            segments.addAll(passage.segments().subList(skip, passage.segments().size()));
            previous = passage;
        }
        return segments;
    }

    private static int sum(List<Segment> segments, TokenCounter counter) {
        return segments.stream()
                .mapToInt(segment -> counter.count(segment.text()))
                .sum();
    }

    private static boolean endsSentence(String text) {
        return SENTENCE_END.matcher(text).find();
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
