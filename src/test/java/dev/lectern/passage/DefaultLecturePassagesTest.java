package dev.lectern.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.embedding.BuiltInModel;
import dev.lectern.embedding.EmbedderOptions;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.Transcripts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default lecture cut with the real model's tokenizer and the default settings. */
class DefaultLecturePassagesTest {

    private static SentenceEmbedder embedder;
    private static List<Segment> segments;
    private static List<Passage> passages;
    private static int maxTokens;

    @BeforeAll
    static void chunkTheDefaultLecture() throws IOException {
        embedder = new SentenceEmbedder(BuiltInModel.ALL_MINILM_L6_V2.spec(), EmbedderOptions.DEFAULTS);
        try (InputStream in = DefaultLecturePassagesTest.class.getResourceAsStream(
                "/corpus/cs25-ming-ding-multimodal-pretraining.txt")) {
            segments = Transcripts.parse(in.readAllBytes(), TranscriptFormat.AUTO);
        }
        maxTokens = embedder.spec().maxTokens() - embedder.passageOverheadTokens();
        passages = new PassageChunker(new PassageSettings(maxTokens, 96, 24), embedder).chunk(segments);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void noPassageIsLongerThanTheModelReads() {
        assertEquals(254, maxTokens, "256 less [CLS] and [SEP]");
        for (Passage passage : passages) {
            assertTrue(embedder.count(passage.text()) <= maxTokens, "passage " + passage.ordinal());
        }
    }

    @Test
    void passagesAreAboutFortyFiveSecondsAndInTimeOrder() {
        List<Long> durations = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            assertTrue(passage.startMillis() <= passage.endMillis());
            if (i > 0) {
                assertTrue(passages.get(i - 1).startMillis() <= passage.startMillis(), "passage " + i);
            }
            durations.add(passage.endMillis() - passage.startMillis());
        }
        durations.sort(Long::compare);
        long median = durations.get(durations.size() / 2);
        System.out.println("default lecture: " + passages.size() + " passages, median " + median + " ms");
        assertTrue(median > 20_000 && median < 60_000, "median passage " + median + " ms");
    }

    @Test
    void everySegmentIsInSomePassage() {
        Set<Segment> covered = new LinkedHashSet<>();
        passages.forEach(p -> covered.addAll(p.segments()));
        for (Segment segment : segments) {
            assertTrue(covered.contains(segment), "segment at " + segment.startMillis() + " ms is in no passage");
        }
    }
}
