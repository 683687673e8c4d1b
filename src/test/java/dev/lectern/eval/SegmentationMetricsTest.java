package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationMetricsTest {

    private static final long MINUTE = 60_000;

    @Test
    void perfectBoundariesScoreOneAndZeroErrors() {
        List<Long> gold = List.of(10 * MINUTE, 20 * MINUTE);
        SegmentationMetrics m = SegmentationMetrics.score(gold, gold, 0, 30 * MINUTE, 90_000);
        assertEquals(1.0, m.precision());
        assertEquals(1.0, m.recall());
        assertEquals(0.0, m.pk());
        assertEquals(0.0, m.windowDiff());
        assertEquals(300.0, m.windowSeconds(), "half the mean gold chapter of 10 minutes");
    }

    @Test
    void boundariesCountWithinTheToleranceAndEachOnlyOnce() {
        List<Long> gold = List.of(10 * MINUTE, 20 * MINUTE);
        // 80 s and 100 s off the first gold boundary; the second has no match within 90 s.
        List<Long> predicted = List.of(10 * MINUTE + 80_000, 10 * MINUTE - 100_000, 25 * MINUTE);
        SegmentationMetrics m = SegmentationMetrics.score(gold, predicted, 0, 30 * MINUTE, 90_000);
        assertEquals(1, m.matched());
        assertEquals(1 / 3.0, m.precision(), 1e-9);
        assertEquals(0.5, m.recall(), 1e-9);
        // Two predictions near one gold boundary still match it once.
        assertEquals(1, SegmentationMetrics.matches(gold, List.of(10 * MINUTE - 5_000, 10 * MINUTE + 5_000), 90_000));
    }

    @Test
    void missingEveryBoundaryIsPenalisedByPkAndWindowDiff() {
        List<Long> gold = List.of(10 * MINUTE, 20 * MINUTE);
        SegmentationMetrics none = SegmentationMetrics.score(gold, List.of(), 0, 30 * MINUTE, 90_000);
        assertEquals(0.0, none.recall());
        // Windows of 5 minutes straddle a gold boundary 2 x 300 times out of 1501 probes.
        assertEquals(600 / 1501.0, none.pk(), 1e-9);
        assertEquals(none.pk(), none.windowDiff(), 1e-9);
    }
}
