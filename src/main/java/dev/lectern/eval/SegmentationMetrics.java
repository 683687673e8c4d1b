package dev.lectern.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well chapter boundaries agree with a gold outline, on one lecture. Boundaries are the starts of every
 * chapter but the first, in milliseconds.
 *
 * @param goldBoundaries boundaries in the gold outline
 * @param predictedBoundaries boundaries Lectern computed
 * @param matched predicted boundaries paired with a gold one within the tolerance (each used at most once)
 * @param precision matched / predicted
 * @param recall matched / gold
 * @param f1 harmonic mean of precision and recall
 * @param pk Beeferman's P<sub>k</sub>: the chance that two moments {@code k} apart are wrongly put in the same or
 *     different chapters; k is half the mean gold chapter length; lower is better, 0 is perfect
 * @param windowDiff Pevzner and Hearst's WindowDiff: the share of windows of length k whose boundary counts
 *     differ; lower is better
 * @param windowSeconds the k of Pk and WindowDiff, in seconds
 */
public record SegmentationMetrics(
        int goldBoundaries,
        int predictedBoundaries,
        int matched,
        double precision,
        double recall,
        double f1,
        double pk,
        double windowDiff,
        double windowSeconds) {

    /** Pk and WindowDiff probe the lecture at this step. */
    static final long STEP_MILLIS = 1000;

    /**
     * Scores predicted boundaries against gold ones.
     *
     * @param gold gold boundaries, increasing
     * @param predicted predicted boundaries, increasing
     * @param startMillis where the lecture starts
     * @param endMillis where it ends
     * @param toleranceMillis how far a predicted boundary may be from a gold one and still count
     */
    public static SegmentationMetrics score(
            List<Long> gold, List<Long> predicted, long startMillis, long endMillis, long toleranceMillis) {
        int matched = matches(gold, predicted, toleranceMillis);
        double precision = predicted.isEmpty() ? (gold.isEmpty() ? 1 : 0) : matched / (double) predicted.size();
        double recall = gold.isEmpty() ? 1 : matched / (double) gold.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        // k: half the mean gold chapter length, as Beeferman et al. set it.
        long k = Math.max(STEP_MILLIS, (endMillis - startMillis) / (gold.size() + 1) / 2);
        long probes = 0;
        long pkErrors = 0;
        long windowErrors = 0;
        for (long at = startMillis; at + k <= endMillis; at += STEP_MILLIS) {
            int goldCount = between(gold, at, at + k);
            int predictedCount = between(predicted, at, at + k);
            probes++;
            if ((goldCount == 0) != (predictedCount == 0)) {
                pkErrors++;
            }
            if (goldCount != predictedCount) {
                windowErrors++;
            }
        }
        return new SegmentationMetrics(
                gold.size(),
                predicted.size(),
                matched,
                precision,
                recall,
                f1,
                probes == 0 ? 0 : pkErrors / (double) probes,
                probes == 0 ? 0 : windowErrors / (double) probes,
                k / 1000.0);
    }

    /** Boundaries in {@code (from, to]}. */
    private static int between(List<Long> boundaries, long from, long to) {
        int count = 0;
        for (long boundary : boundaries) {
            if (boundary > from && boundary <= to) {
                count++;
            }
        }
        return count;
    }

    /** Pairs boundaries one to one, closest pairs first, within the tolerance. */
    static int matches(List<Long> gold, List<Long> predicted, long toleranceMillis) {
        record Pair(int gold, int predicted, long distance) {}
        List<Pair> pairs = new ArrayList<>();
        for (int g = 0; g < gold.size(); g++) {
            for (int p = 0; p < predicted.size(); p++) {
                long distance = Math.abs(gold.get(g) - predicted.get(p));
                if (distance <= toleranceMillis) {
                    pairs.add(new Pair(g, p, distance));
                }
            }
        }
        pairs.sort((a, b) -> Long.compare(a.distance(), b.distance()));
        boolean[] goldUsed = new boolean[gold.size()];
        boolean[] predictedUsed = new boolean[predicted.size()];
        int matched = 0;
        for (Pair pair : pairs) {
            if (!goldUsed[pair.gold()] && !predictedUsed[pair.predicted()]) {
                goldUsed[pair.gold()] = true;
                predictedUsed[pair.predicted()] = true;
                matched++;
            }
        }
        return matched;
    }
}
