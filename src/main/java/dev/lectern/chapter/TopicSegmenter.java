package dev.lectern.chapter;

import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds where a lecture changes topic, TextTiling-style (Hearst 1997) over the model's passage vectors instead of
 * word counts.
 *
 * <ol>
 *   <li>At each passage start (a <em>gap</em>), the passages that start within one minimum chapter length before
 *       it are compared with those that start within one after it: the cosine between the two windows' summed
 *       vectors. Low similarity means the talk changes there.
 *   <li>The similarity curve is smoothed over three gaps, then each local minimum gets a <em>depth</em>: how far
 *       the curve climbs on either side before it falls again, added up. Deep valleys are topic shifts; shallow
 *       ones are noise.
 *   <li>Hearst's cutoff keeps the valleys deeper than the mean depth less half a standard deviation.
 *   <li>Deepest first, a boundary is kept when it leaves every chapter at least the minimum length; a chapter
 *       still longer than the maximum is then cut at its deepest valley, or its lowest similarity, until none is.
 *   <li>Each boundary moves to the nearest good place to start a heading: a segment that starts after a sentence
 *       ends, preferably after a pause.
 * </ol>
 *
 * <p>Nothing here was fitted to a particular lecture: the window is the minimum chapter length, the cutoff is
 * Hearst's.
 */
final class TopicSegmenter {

    private TopicSegmenter() {}

    /** A passage as the segmenter sees it: where it starts and its vector. */
    record Block(long startMillis, float[] vector) {}

    /**
     * The starts of the chapters after the first, in time order.
     *
     * @param blocks the lecture's passages in time order
     * @param segments the lecture's transcript segments, for placing boundaries between sentences
     * @param startMillis where the lecture starts
     * @param endMillis where it ends
     */
    static List<Long> boundaries(
            List<Block> blocks, List<Segment> segments, long startMillis, long endMillis, ChapterSettings settings) {
        long min = settings.minMillis();
        if (endMillis - startMillis < 2 * min || blocks.size() < 2) {
            return List.of();
        }
        int gaps = blocks.size() - 1;
        double[] similarity = new double[gaps];
        for (int g = 0; g < gaps; g++) {
            similarity[g] = windowSimilarity(blocks, g + 1, min);
        }
        double[] smooth = smooth(similarity);
        double[] depth = depths(smooth);

        List<Integer> valleys = new ArrayList<>();
        for (int g = 0; g < gaps; g++) {
            boolean minimum = (g == 0 || smooth[g] <= smooth[g - 1]) && (g == gaps - 1 || smooth[g] <= smooth[g + 1]);
            if (minimum && depth[g] > 0) {
                valleys.add(g);
            }
        }
        double cutoff = cutoff(valleys, depth);
        List<Integer> strong =
                new ArrayList<>(valleys.stream().filter(g -> depth[g] > cutoff).toList());
        strong.sort((a, b) -> Double.compare(depth[b], depth[a]));

        TreeSet<Long> cuts = new TreeSet<>();
        for (int g : strong) {
            long at = blocks.get(g + 1).startMillis();
            if (fits(cuts, at, startMillis, endMillis, min)) {
                cuts.add(at);
            }
        }
        splitLongChapters(cuts, blocks, smooth, depth, startMillis, endMillis, settings);
        return snap(cuts, segments, startMillis, endMillis, min);
    }

    /** Cosine between the summed vectors of the passages before gap {@code right} and those after, within reach. */
    private static double windowSimilarity(List<Block> blocks, int right, long reachMillis) {
        long at = blocks.get(right).startMillis();
        int dimension = blocks.get(0).vector().length;
        double[] before = new double[dimension];
        double[] after = new double[dimension];
        for (int i = right - 1; i >= 0 && (i == right - 1 || blocks.get(i).startMillis() >= at - reachMillis); i--) {
            add(before, blocks.get(i).vector());
        }
        for (int i = right; i < blocks.size() && (i == right || blocks.get(i).startMillis() < at + reachMillis); i++) {
            add(after, blocks.get(i).vector());
        }
        return cosine(before, after);
    }

    private static double[] smooth(double[] values) {
        double[] smooth = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, i - 1); j <= Math.min(values.length - 1, i + 1); j++) {
                sum += values[j];
                count++;
            }
            smooth[i] = sum / count;
        }
        return smooth;
    }

    /** Hearst's depth score: the climb to the nearest peak on the left plus the climb to the one on the right. */
    static double[] depths(double[] curve) {
        double[] depth = new double[curve.length];
        for (int g = 0; g < curve.length; g++) {
            double left = curve[g];
            for (int i = g - 1; i >= 0 && curve[i] >= left; i--) {
                left = curve[i];
            }
            double right = curve[g];
            for (int i = g + 1; i < curve.length && curve[i] >= right; i++) {
                right = curve[i];
            }
            depth[g] = (left - curve[g]) + (right - curve[g]);
        }
        return depth;
    }

    /** Mean less half a standard deviation of the valleys' depths (Hearst's "liberal" cutoff). */
    private static double cutoff(List<Integer> valleys, double[] depth) {
        if (valleys.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = valleys.stream().mapToDouble(g -> depth[g]).average().orElse(0);
        double variance = valleys.stream()
                .mapToDouble(g -> (depth[g] - mean) * (depth[g] - mean))
                .average()
                .orElse(0);
        return mean - Math.sqrt(variance) / 2;
    }

    private static boolean fits(TreeSet<Long> cuts, long at, long start, long end, long min) {
        Long before = cuts.floor(at);
        Long after = cuts.ceiling(at);
        long previous = before == null ? start : before;
        long next = after == null ? end : after;
        return at - previous >= min && next - at >= min;
    }

    /** Cuts every chapter longer than the maximum at its deepest valley (or lowest similarity) that fits. */
    private static void splitLongChapters(
            TreeSet<Long> cuts,
            List<Block> blocks,
            double[] smooth,
            double[] depth,
            long start,
            long end,
            ChapterSettings settings) {
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Long> edges = new ArrayList<>();
            edges.add(start);
            edges.addAll(cuts);
            edges.add(end);
            for (int c = 0; c + 1 < edges.size(); c++) {
                long from = edges.get(c);
                long to = edges.get(c + 1);
                if (to - from <= settings.maxMillis()) {
                    continue;
                }
                int best = -1;
                for (int g = 0; g < smooth.length; g++) {
                    long at = blocks.get(g + 1).startMillis();
                    if (at - from < settings.minMillis() || to - at < settings.minMillis()) {
                        continue;
                    }
                    if (best < 0 || depth[g] > depth[best] || (depth[g] == depth[best] && smooth[g] < smooth[best])) {
                        best = g;
                    }
                }
                if (best < 0) {
                    // Passages too long to cut between: cut in the middle, snapped to a segment later.
                    cuts.add(from + (to - from) / 2);
                } else {
                    cuts.add(blocks.get(best + 1).startMillis());
                }
                changed = true;
                break;
            }
        }
    }

    /**
     * Moves each cut to the best segment start near it: one that follows the end of a sentence, then the longest
     * pause, then the nearest. A cut only moves where every chapter keeps the minimum length.
     */
    private static List<Long> snap(TreeSet<Long> cuts, List<Segment> segments, long start, long end, long min) {
        if (cuts.isEmpty()) {
            return List.of();
        }
        List<Long> placed = new ArrayList<>(cuts);
        // Passages are about 40 s long and overlap: the shift happened somewhere around the passage start.
        long reach = Math.min(min / 4, 30_000);
        for (int c = 0; c < placed.size(); c++) {
            long at = placed.get(c);
            long previous = c == 0 ? start : placed.get(c - 1);
            long next = c + 1 == placed.size() ? end : placed.get(c + 1);
            long best = at;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int s = 1; s < segments.size(); s++) {
                long candidate = segments.get(s).startMillis();
                if (Math.abs(candidate - at) > reach) {
                    continue;
                }
                if (candidate - previous < min || next - candidate < min) {
                    continue;
                }
                Segment before = segments.get(s - 1);
                double pauseSeconds = Math.max(0, candidate - before.endMillis()) / 1000.0;
                double score = (endsSentence(before.text()) ? 2 : 0)
                        + Math.min(pauseSeconds, 2.0)
                        - Math.abs(candidate - at) / (double) reach;
                if (score > bestScore) {
                    bestScore = score;
                    best = candidate;
                }
            }
            placed.set(c, best);
        }
        Collections.sort(placed);
        return placed;
    }

    static boolean endsSentence(String text) {
        String trimmed = text.strip();
        while (!trimmed.isEmpty() && "\"')]”’".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return !trimmed.isEmpty() && ".?!".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
    }

    private static void add(double[] sum, float[] vector) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += vector[i];
        }
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
