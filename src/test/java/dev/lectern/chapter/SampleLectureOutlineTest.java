package dev.lectern.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.eval.SegmentationMetrics;
import dev.lectern.passage.Passage;
import dev.lectern.passage.PassageChunker;
import dev.lectern.passage.PassageSettings;
import dev.lectern.transcript.ClockTime;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.Transcripts;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample lecture's computed outline, with the real model and the default settings. */
class SampleLectureOutlineTest {

    private static SentenceEmbedder embedder;
    private static List<Segment> segments;
    private static Outline outline;

    @BeforeAll
    static void outlineTheSampleLecture() throws IOException {
        embedder = new SentenceEmbedder(BuiltInModel.ALL_MINILM_L6_V2_Q.spec(), EmbedderOptions.DEFAULTS);
        try (InputStream in = SampleLectureOutlineTest.class.getResourceAsStream(
                "/corpus/cs25-ming-ding-multimodal-pretraining.txt")) {
            segments = Transcripts.parse(in.readAllBytes(), TranscriptFormat.AUTO);
        }
        int maxTokens = embedder.spec().maxTokens() - embedder.passageOverheadTokens();
        List<Passage> passages =
                new PassageChunker(new PassageSettings(maxTokens, 88, 36, 10_000, 45_000), embedder).chunk(segments);
        List<float[]> vectors =
                embedder.embedPassages(passages.stream().map(Passage::text).toList());
        outline = new OutlineMaker(ChapterSettings.defaults(), embedder::embedPhrases)
                .compute(segments, passages, vectors);
        for (Chapter chapter : outline.chapters()) {
            System.out.println("[" + ClockTime.formatWithoutMillis(chapter.startMillis()) + "] " + chapter.title()
                    + "  " + chapter.keywords());
        }
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void chaptersCoverTheLectureWithinTheConfiguredSizes() {
        List<Chapter> chapters = outline.chapters();
        assertEquals(segments.get(0).startMillis(), chapters.get(0).startMillis());
        assertEquals(
                segments.get(segments.size() - 1).endMillis(),
                chapters.get(chapters.size() - 1).endMillis());
        for (Chapter chapter : chapters) {
            long length = chapter.endMillis() - chapter.startMillis();
            assertTrue(length >= 120_000 && length <= 900_000, chapter + " lasts " + length + " ms");
        }
        assertTrue(chapters.size() >= 5, "an 80-minute talk has more than " + chapters.size() + " sections");
    }

    @Test
    void titlesAreShortDistinctAndKeywordsThreeToEight() {
        Set<String> titles = new HashSet<>();
        for (Chapter chapter : outline.chapters()) {
            assertTrue(chapter.title().length() <= 60, chapter.title());
            assertTrue(titles.add(chapter.title().toLowerCase(Locale.ROOT)), "repeated title " + chapter.title());
            assertTrue(chapter.keywords().size() >= 3 && chapter.keywords().size() <= 8, chapter.toString());
        }
    }

    /**
     * The gold outline was written by a person from the transcript alone, after the settings were chosen; it is
     * a regression floor here (the targets), not something the settings were fitted to.
     */
    @Test
    void agreesWithTheGoldOutlineWithinNinetySeconds() throws IOException {
        List<ProvidedChapter> gold;
        try (InputStream in = SampleLectureOutlineTest.class.getResourceAsStream(
                "/chapters/cs25-ming-ding-multimodal-pretraining.outline.json")) {
            gold = ProvidedChapters.fromJson(in.readAllBytes(), Long.MAX_VALUE);
        }
        List<Long> goldBoundaries =
                gold.stream().skip(1).map(ProvidedChapter::startMillis).toList();
        List<Long> computed =
                outline.chapters().stream().skip(1).map(Chapter::startMillis).toList();
        long end = segments.get(segments.size() - 1).endMillis();
        SegmentationMetrics metrics = SegmentationMetrics.score(goldBoundaries, computed, 0, end, 90_000);
        System.out.println("sample lecture against the gold outline: " + metrics);
        assertTrue(metrics.recall() >= 0.6, "recall " + metrics.recall());
        assertTrue(metrics.precision() >= 0.5, "precision " + metrics.precision());
    }

    /**
     * Titles are built from the chapter's own words: each part of a heading ("Optimizer state: Xero") is said in
     * the chapter, and a heading leads with a phrase of several words where the chapter has one among its first
     * keywords, so few headings are a bare word.
     */
    @Test
    void titlesAreTheChaptersOwnPhrases() {
        int bareLeads = 0;
        for (Chapter chapter : outline.chapters()) {
            String text = segments.stream()
                    .filter(s -> s.startMillis() >= chapter.startMillis() && s.startMillis() < chapter.endMillis())
                    .map(Segment::text)
                    .collect(Collectors.joining(" "))
                    .toLowerCase(Locale.ROOT);
            for (String part : chapter.title().split(": ")) {
                assertTrue(text.contains(part.toLowerCase(Locale.ROOT)), "'" + part + "' is not said in " + chapter);
            }
            if (!chapter.title().split(": ")[0].contains(" ")) {
                bareLeads++;
            }
        }
        assertTrue(
                bareLeads <= outline.chapters().size() / 4,
                bareLeads + " of " + outline.chapters().size() + " headings lead with a single word");
    }

    @Test
    void boundariesFallBetweenSegments() {
        Set<Long> segmentStarts = new HashSet<>();
        segments.forEach(s -> segmentStarts.add(s.startMillis()));
        for (Chapter chapter : outline.chapters()) {
            assertTrue(segmentStarts.contains(chapter.startMillis()), chapter.toString());
        }
    }
}
