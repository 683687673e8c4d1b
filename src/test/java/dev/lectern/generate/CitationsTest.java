package dev.lectern.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.lecture.Lecture;
import dev.lectern.passage.Passage;
import dev.lectern.search.SearchHit;
import dev.lectern.search.TimedSentence;
import dev.lectern.transcript.Segment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationsTest {

    private static final Lecture LECTURE = new Lecture("l", "Lecture", null, 2, 2000, Instant.EPOCH);
    private static final List<SearchHit> PASSAGES = List.of(hit(986_640, 1_030_000), hit(1_118_040, 1_150_760));

    @Test
    void keepsCitationsThatAPassageCovers() {
        Citations.Checked checked =
                Citations.check("ZeRO shards states [00:16:26]. Offload [00:18:40–00:19:00].", PASSAGES);
        assertEquals("ZeRO shards states [00:16:26]. Offload [00:18:40–00:19:00].", checked.text());
        assertEquals(2, checked.valid().size());
        assertEquals(List.of(), checked.removed());
    }

    @Test
    void removesCitationsNoPassageCovers() {
        Citations.Checked checked = Citations.check("It began in 1850 [01:59:59]. ZeRO [17:00].", PASSAGES);
        assertEquals("It began in 1850. ZeRO [17:00].", checked.text());
        assertEquals(List.of("01:59:59"), checked.removed());
    }

    private static SearchHit hit(long start, long end) {
        Passage passage = new Passage(0, List.of(new Segment(start, end, "text")));
        return new SearchHit(LECTURE, passage, 1, 1, new TimedSentence("text", start, end), null);
    }
}
