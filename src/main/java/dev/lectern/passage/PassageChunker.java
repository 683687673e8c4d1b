package dev.lectern.passage;

import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Cuts a lecture's transcript segments into overlapping {@link Passage}s sized in model tokens.
 *
 * <p>The algorithm, and why:
 *
 * <ol>
 *   <li><b>Split what cannot fit.</b> A segment whose text alone is longer than {@code maxTokens} (a two-minute
 *       Whisper segment, a runaway caption cue) is cut into pieces at word boundaries, preferring sentence ends,
 *       each piece becoming a new segment whose times are interpolated by character position inside the
 *       original span. A single word longer than the limit is, as a last resort, cut between characters.
 *   <li><b>Merge greedily.</b> Consecutive segments are added while the passage stays within
 *       {@code targetTokens}. Each segment is counted once and counts are summed, which matches the model's
 *       WordPiece tokenizer on space-joined text; a passage only exceeds the target when one segment alone does.
 *   <li><b>Cut at sentence ends.</b> When the next segment would overflow the target, the passage ends after
 *       its last sentence-ending segment, provided it still holds about 60% of the target. An answer is usually
 *       a sentence or two, and a cut inside a sentence would split it across two embeddings, matching neither
 *       well.
 *   <li><b>Overlap.</b> The next passage starts with the previous passage's trailing segments, at most
 *       {@code overlapTokens} of them, starting at a sentence start when one lies in that window, so an answer
 *       that straddles a cut is still found whole in one passage. It always starts after the previous
 *       passage's first segment and always takes at least one new segment, so chunking always progresses.
 *   <li><b>Stay faithful to time.</b> A silence longer than {@code maxGapMillis} always ends a passage (passages
 *       are packed separately on each side of it, and overlap never crosses it), and a passage ends before it
 *       would last longer than {@code maxDurationMillis}. A passage's start is then where its first words are
 *       said, not minutes earlier. Segments that hold no speech ({@code [Music]}, {@code ♪ ♪}, {@code (applause)})
 *       are left out, so they neither fill passages nor bridge silences; a segment longer than the duration
 *       limit is cut into pieces with interpolated times.
 *   <li><b>Verify.</b> Each finished passage's text is counted again and trimmed until it fits
 *       {@code maxTokens}: counts in model tokens are what the model actually reads, and summed counts are an
 *       estimate that a tokenizer could, in principle, break. The hard guarantee is that the model never
 *       truncates a passage.
 * </ol>
 */
public final class PassageChunker {

    /** A sentence ends with . ? or !, possibly followed by closing quotes or brackets. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.?!][\"'\u201D\u2019\u00BB)\\]}]*$");

    /**
     * What captions put where nobody speaks: bracketed sound descriptions ({@code [Music]}, {@code (applause)}) and
     * music notes. A segment that holds nothing else is not speech.
     */
    private static final Pattern NON_SPEECH = Pattern.compile("\\[[^\\]]*]|\\([^)]*\\)|[♪♫♬#*~-]");

    private static final Pattern SPEECH_CHARACTER = Pattern.compile("[\\p{L}\\p{N}]");

    /** Share of the target a passage must keep when it is cut early at a sentence end. */
    private static final double MIN_SENTENCE_CUT_SHARE = 0.6;

    private final PassageSettings settings;
    private final TokenCounter tokens;

    public PassageChunker(PassageSettings settings, TokenCounter tokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Cuts {@code segments}, in time order, into passages numbered from 0.
     *
     * @return the passages; empty when there are no segments
     */
    public List<Passage> chunk(List<Segment> segments) {
        List<Segment> units = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Segment speech : segments) {
            if (!isSpeech(speech.text())) {
                continue;
            }
            for (Segment segment : withinMaxDuration(speech)) {
                int count = tokens.count(segment.text());
                if (count <= settings.maxTokens()) {
                    units.add(segment);
                    counts.add(count);
                } else {
                    for (Segment piece : split(segment)) {
                        units.add(piece);
                        counts.add(tokens.count(piece.text()));
                    }
                }
            }
        }
        List<Passage> passages = new ArrayList<>();
        // Each run of speech between long silences is packed on its own: no passage, and no overlap, crosses one.
        int runStart = 0;
        for (int i = 1; i <= units.size(); i++) {
            boolean silenceBefore = i < units.size()
                    && settings.maxGapMillis() > 0
                    && units.get(i).startMillis() - units.get(i - 1).endMillis() > settings.maxGapMillis();
            if (i == units.size() || silenceBefore) {
                List<Segment> run = units.subList(runStart, i);
                List<String> texts = run.stream().map(Segment::text).toList();
                for (Range range : pack(texts, toArray(counts.subList(runStart, i)), settings.overlapTokens(), run)) {
                    passages.add(new Passage(passages.size(), run.subList(range.start(), range.end())));
                }
                runStart = i;
            }
        }
        return passages;
    }

    /** Whether a segment's text holds words or numbers once sound descriptions and music notes are removed. */
    static boolean isSpeech(String text) {
        return SPEECH_CHARACTER.matcher(NON_SPEECH.matcher(text).replaceAll("")).find();
    }

    /**
     * A segment that alone lasts longer than maxDurationMillis, cut at word boundaries into pieces of about equal
     * duration (times interpolated by character position); the segment itself otherwise.
     */
    private List<Segment> withinMaxDuration(Segment segment) {
        long duration = segment.endMillis() - segment.startMillis();
        if (settings.maxDurationMillis() == 0 || duration <= settings.maxDurationMillis()) {
            return List.of(segment);
        }
        List<Word> words = fittingWords(segment.text());
        // Pieces of equal word counts; more of them while one still lasts too long (word lengths differ).
        for (long pieces = (duration + settings.maxDurationMillis() - 1) / settings.maxDurationMillis();
                pieces <= words.size();
                pieces++) {
            List<Segment> out = piecesOf(segment, words, (int) pieces);
            if (pieces == words.size()
                    || out.stream().allMatch(p -> p.endMillis() - p.startMillis() <= settings.maxDurationMillis())) {
                return out;
            }
        }
        return List.of(segment); // a single word: nothing to cut
    }

    private static List<Segment> piecesOf(Segment segment, List<Word> words, int pieces) {
        List<Segment> out = new ArrayList<>(pieces);
        for (int p = 0; p < pieces; p++) {
            int from = words.size() * p / pieces;
            int to = words.size() * (p + 1) / pieces;
            List<String> texts =
                    words.subList(from, to).stream().map(Word::text).toList();
            out.add(new Segment(
                    interpolate(segment, words.get(from).from()),
                    interpolate(segment, words.get(to - 1).to()),
                    String.join(Passage.SEPARATOR, texts)));
        }
        return out;
    }

    // --- splitting a segment that alone exceeds maxTokens -------------------------------------------------

    /** A run of non-blank characters of a segment's text, [from, to) in that text. */
    private record Word(String text, int from, int to) {}

    private List<Segment> split(Segment segment) {
        List<Word> words = fittingWords(segment.text());
        int[] counts = new int[words.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = tokens.count(words.get(i).text());
        }
        List<String> texts = words.stream().map(Word::text).toList();
        List<Segment> pieces = new ArrayList<>();
        // Pieces never overlap: overlap between passages is added later, from whole segments.
        for (Range range : pack(texts, counts, 0, null)) {
            Word first = words.get(range.start());
            Word last = words.get(range.end() - 1);
            pieces.add(new Segment(
                    interpolate(segment, first.from()),
                    interpolate(segment, last.to()),
                    String.join(Passage.SEPARATOR, texts.subList(range.start(), range.end()))));
        }
        return pieces;
    }

    /** The words of {@code text}, with any word that alone exceeds maxTokens cut into pieces that fit. */
    private List<Word> fittingWords(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            cutWord(text, i, end, words);
            i = end;
        }
        return words;
    }

    private void cutWord(String text, int from, int to, List<Word> out) {
        int start = from;
        while (start < to) {
            int end = longestFittingEnd(text, start, to);
            out.add(new Word(text.substring(start, end), start, end));
            start = end;
        }
    }

    /**
     * The largest end in (start, to] such that text[start, end) fits maxTokens, found by bisection; at least one
     * code point even if that alone does not fit, since nothing smaller can be cut.
     */
    private int longestFittingEnd(String text, int start, int to) {
        if (tokens.count(text.substring(start, to)) <= settings.maxTokens()) {
            return to;
        }
        int fits = text.offsetByCodePoints(start, 1);
        int tooLong = to;
        while (text.offsetByCodePoints(fits, 1) < tooLong) {
            int mid = codePointBoundary(text, fits + (tooLong - fits) / 2);
            if (mid <= fits) {
                mid = text.offsetByCodePoints(fits, 1);
            }
            if (tokens.count(text.substring(start, mid)) <= settings.maxTokens()) {
                fits = mid;
            } else {
                tooLong = mid;
            }
        }
        return fits;
    }

    /** {@code index}, moved back if it would split a surrogate pair. */
    private static int codePointBoundary(String text, int index) {
        boolean insidePair = index > 0
                && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index));
        return insidePair ? index - 1 : index;
    }

    /** The time at character {@code offset} of the segment's text, assuming speech at an even pace. */
    private static long interpolate(Segment segment, int offset) {
        long span = segment.endMillis() - segment.startMillis();
        int length = segment.text().length();
        long elapsed;
        try {
            elapsed = Math.multiplyExact(span, (long) offset) / length;
        } catch (ArithmeticException overflow) {
            // Only for absurd spans; doubles are still monotonic in offset, which is what matters.
            elapsed = Math.min(span, (long) ((double) span * offset / length));
        }
        return segment.startMillis() + elapsed;
    }

    // --- packing units (segments, or words of one segment) into ranges -----------------------------------

    /** Units [start, end) of one passage or piece. */
    private record Range(int start, int end) {}

    /**
     * Packs consecutive units into ranges about targetTokens long, each fitting maxTokens, each overlapping the
     * previous one by at most {@code overlap} tokens; with {@code timed} (the units as segments), each also within
     * maxDurationMillis.
     */
    private List<Range> pack(List<String> texts, int[] counts, int overlap, List<Segment> timed) {
        long[] prefix = prefixSums(counts);
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        int firstNew = 0;
        while (firstNew < texts.size()) {
            int end = greedyEnd(counts, start, firstNew, timed);
            end = preferSentenceEnd(texts, prefix, start, firstNew, end);
            Range range = fitWithinMax(texts, start, firstNew, end);
            ranges.add(range);
            firstNew = range.end();
            if (firstNew < texts.size()) {
                start = overlapStart(texts, counts, prefix, range, overlap);
                // Overlap may not push the next passage past the duration limit either.
                while (start < firstNew && tooLong(timed, start, firstNew)) {
                    start++;
                }
            }
        }
        return ranges;
    }

    /**
     * The end of the longest run from {@code start} within targetTokens; units up to {@code firstNew} are
     * taken regardless, so that at least one new unit is always taken.
     */
    private int greedyEnd(int[] counts, int start, int firstNew, List<Segment> timed) {
        long total = 0;
        int end = start;
        while (end < counts.length) {
            if (end > firstNew && (total + counts[end] > settings.targetTokens() || tooLong(timed, start, end))) {
                break;
            }
            total += counts[end];
            end++;
        }
        return end;
    }

    /** Moves a cut that the target forced back to the last sentence end, unless that leaves too little. */
    private int preferSentenceEnd(List<String> texts, long[] prefix, int start, int firstNew, int end) {
        if (end == texts.size()) {
            return end; // the rest fits, so the target forced no cut
        }
        long minimum = (long) Math.ceil(settings.targetTokens() * MIN_SENTENCE_CUT_SHARE);
        for (int last = end - 1; last >= firstNew; last--) {
            if (prefix[last + 1] - prefix[start] < minimum) {
                break;
            }
            if (endsSentence(texts.get(last))) {
                return last + 1;
            }
        }
        return end;
    }

    /**
     * Re-counts the joined text and trims the range until it fits maxTokens: trailing units first, then the
     * overlap at its front. A single unit always fits, having been split to fit beforehand.
     */
    private Range fitWithinMax(List<String> texts, int start, int firstNew, int end) {
        while (end > firstNew + 1 && exceedsMax(texts, start, end)) {
            end--;
        }
        while (start < firstNew && exceedsMax(texts, start, end)) {
            start++;
        }
        return new Range(start, end);
    }

    private boolean exceedsMax(List<String> texts, int start, int end) {
        return tokens.count(String.join(Passage.SEPARATOR, texts.subList(start, end))) > settings.maxTokens();
    }

    /**
     * Where the range after {@code previous} starts: as early as its trailing units fit the overlap budget,
     * but at a sentence start if one lies in that window. The budget also leaves room for the next new unit
     * within the target, so overlap never pushes a passage past it.
     */
    private int overlapStart(List<String> texts, int[] counts, long[] prefix, Range previous, int overlap) {
        int end = previous.end();
        if (overlap == 0) {
            return end;
        }
        long budget = Math.min(overlap, (long) settings.targetTokens() - counts[end]);
        int earliest = end;
        // Stop after the previous range's first unit so that every range starts later than the one before.
        for (int candidate = end - 1; candidate > previous.start(); candidate--) {
            if (prefix[end] - prefix[candidate] > budget) {
                break;
            }
            earliest = candidate;
        }
        for (int candidate = earliest; candidate < end; candidate++) {
            if (endsSentence(texts.get(candidate - 1))) {
                return candidate;
            }
        }
        return earliest;
    }

    /** Whether units [start, last] would last longer than maxDurationMillis; never without times or a limit. */
    private boolean tooLong(List<Segment> timed, int start, int last) {
        return timed != null
                && settings.maxDurationMillis() > 0
                && timed.get(last).endMillis() - timed.get(start).startMillis() > settings.maxDurationMillis();
    }

    private static boolean endsSentence(String text) {
        return SENTENCE_END.matcher(text).find();
    }

    private static long[] prefixSums(int[] counts) {
        long[] prefix = new long[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            prefix[i + 1] = prefix[i] + counts[i];
        }
        return prefix;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
