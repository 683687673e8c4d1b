package dev.lectern.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.passage.Passage;
import dev.lectern.store.PassageHit;
import dev.lectern.transcript.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeDiversityTest {

    @Test
    void aFarMomentOvertakesANearRepeatOfTheBestOne() {
        PassageHit best = hit(0, 100_000, 1.0);
        PassageHit nextToIt = hit(1, 140_000, 0.9);
        PassageHit elsewhere = hit(2, 1_500_000, 0.8);
        List<PassageHit> ranked = List.of(best, nextToIt, elsewhere);

        assertEquals(ranked, SearchService.spreadOverTime(ranked, 0, 120_000));
        assertEquals(List.of(best, elsewhere, nextToIt), SearchService.spreadOverTime(ranked, 0.3, 120_000));
    }

    @Test
    void otherLecturesAreNeverClose() {
        PassageHit best = hit(0, 100_000, 1.0);
        PassageHit sameTimeOtherLecture = new PassageHit(
                "other", new Passage(0, List.of(new Segment(100_000, 130_000, "words"))), 0.9, 0.5, 1, 1);
        PassageHit elsewhere = hit(2, 1_500_000, 0.8);
        List<PassageHit> ranked = List.of(best, sameTimeOtherLecture, elsewhere);

        assertEquals(ranked, SearchService.spreadOverTime(ranked, 0.3, 120_000));
    }

    private static PassageHit hit(int ordinal, long startMillis, double score) {
        return new PassageHit(
                "lecture",
                new Passage(ordinal, List.of(new Segment(startMillis, startMillis + 30_000, "words"))),
                score,
                0.5,
                1,
                1);
    }
}
