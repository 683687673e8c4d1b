package dev.lectern.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.passage.Passage;
import dev.lectern.passage.PassageChunker;
import dev.lectern.passage.PassageSettings;
import dev.lectern.transcript.ClockTime;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.Transcripts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outlines of two short lectures written for this test, each a talk on unrelated topics in turn (volcanoes,
 * sourdough baking, chess engines), with the real model and the default settings: the chapters must change where
 * the topic does, and each title must name its own topic with a phrase of the chapter, not a verb or a fragment.
 * The sample lecture alone would let titles fit one speaker's words; these check lectures in general.
 */
class SyntheticLectureOutlineTest {

    /** Phrases that name each topic; a title must hold one of its own topic's and none of the others'. */
    private static final List<Set<String>> VOLCANO = List.of(Set.of(
            "magma chamber",
            "eruption forecasts",
            "pyroclastic flows",
            "lava flows",
            "gas bubbles",
            "eruption column",
            "volcano",
            "gas emissions",
            "ground deformation"));

    private static final List<Set<String>> SOURDOUGH = List.of(Set.of(
            "sourdough starter",
            "gluten network",
            "bulk fermentation",
            "stretch",
            "dutch oven",
            "wild yeast",
            "lactic acid bacteria",
            "sourdough"));

    private static final List<Set<String>> CHESS = List.of(Set.of(
            "game tree search",
            "alpha-beta pruning",
            "evaluation function",
            "monte carlo tree search",
            "chess engine",
            "game tree",
            "deep blue",
            "alphazero",
            "neural network evaluation function",
            "self-play reinforcement learning"));

    /** Words no heading ends with. */
    private static final Set<String> WEAK_ENDINGS =
            Set.of("the", "a", "an", "of", "and", "to", "is", "it", "large", "long", "very", "so", "just");

    private static SentenceEmbedder embedder;

    @BeforeAll
    static void loadTheModel() {
        embedder = new SentenceEmbedder(BuiltInModel.ALL_MINILM_L6_V2_Q.spec(), EmbedderOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void threeTopicsGetThreeChaptersEachTitledWithItsOwnTopic() throws IOException {
        check("synthetic-volcano-sourdough-chess.txt", List.of(VOLCANO, SOURDOUGH, CHESS));
    }

    @Test
    void twoTopicsGetTwoChaptersEachTitledWithItsOwnTopic() throws IOException {
        check("synthetic-chess-volcano.txt", List.of(CHESS, VOLCANO));
    }

    private static void check(String resource, List<List<Set<String>>> topics) throws IOException {
        List<Segment> segments;
        try (InputStream in = SyntheticLectureOutlineTest.class.getResourceAsStream("/chapters/" + resource)) {
            segments = Transcripts.parse(in.readAllBytes(), TranscriptFormat.AUTO);
        }
        int maxTokens = embedder.spec().maxTokens() - embedder.passageOverheadTokens();
        List<Passage> passages =
                new PassageChunker(new PassageSettings(maxTokens, 88, 36, 10_000, 45_000), embedder).chunk(segments);
        List<float[]> vectors =
                embedder.embedPassages(passages.stream().map(Passage::text).toList());
        Outline outline = new OutlineMaker(ChapterSettings.defaults(), embedder::embedPhrases)
                .compute(segments, passages, vectors);
        for (Chapter chapter : outline.chapters()) {
            System.out.println(resource + " [" + ClockTime.formatWithoutMillis(chapter.startMillis()) + "] "
                    + chapter.title() + "  " + chapter.keywords());
        }

        // Each topic opens with a sentence that announces it; those are the true boundaries.
        List<Long> changes = segments.stream()
                .filter(s -> s.text().startsWith("Okay, now something")
                        || s.text().startsWith("Last topic")
                        || s.text().startsWith("So today"))
                .map(Segment::startMillis)
                .filter(start -> start > segments.get(0).startMillis())
                .toList();
        List<Chapter> chapters = outline.chapters();
        assertEquals(topics.size(), chapters.size(), "chapters " + chapters);
        for (int i = 1; i < chapters.size(); i++) {
            long off = Math.abs(chapters.get(i).startMillis() - changes.get(i - 1));
            assertTrue(off <= 45_000, chapters.get(i) + " starts " + off + " ms from the topic change");
        }
        for (int i = 0; i < chapters.size(); i++) {
            String title = chapters.get(i).title().toLowerCase(Locale.ROOT);
            assertTrue(title.length() <= 60, title);
            int own = i;
            assertTrue(topics.get(i).get(0).stream().anyMatch(title::contains), "title of its topic: " + title);
            for (int j = 0; j < topics.size(); j++) {
                if (j != own) {
                    assertTrue(
                            topics.get(j).get(0).stream().noneMatch(title::contains),
                            "title names another chapter's topic: " + title);
                }
            }
            for (String part : title.split(": ")) {
                String[] words = part.split(" ");
                assertTrue(!WEAK_ENDINGS.contains(words[words.length - 1]), "heading ends weakly: " + title);
            }
            assertTrue(Arrays.stream(title.split(": ")[0].split(" ")).count() >= 2, "lead is one word: " + title);
        }
    }
}
