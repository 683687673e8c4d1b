package dev.lectern.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SubRip ({@code .srt}) captions: blocks separated by blank lines, each a cue number, a timing line
 * {@code 00:00:01,000 --> 00:00:04,000} and one or more lines of text, joined with a space.
 *
 * <p>The cue number is not checked, because hand-edited files often renumber badly; only the timing line is
 * required. Formatting tags such as {@code <i>} and {@code {\an8}} are removed.
 */
public final class SrtParser implements TranscriptParser {

    // Some tools append positions (X1:... Y1:...) after the end time; they are ignored.
    private static final Pattern TIMING = Pattern.compile("\\s*(\\S+)\\s*-->\\s*(\\S+).*");
    private static final String EXAMPLE = "00:01:02,500";

    @Override
    public List<Segment> parse(String text) {
        SegmentCollector collector = new SegmentCollector();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            int blockEnd = i;
            while (blockEnd < lines.size() && !lines.get(blockEnd).isBlank()) {
                blockEnd++;
            }
            readBlock(lines, blockStart, blockEnd, collector);
            i = blockEnd;
        }
        return collector.segments();
    }

    /** Reads the block of non-blank lines {@code [from, to)}. */
    private static void readBlock(List<String> lines, int from, int to, SegmentCollector collector) {
        int timingIndex = isTiming(lines.get(from)) ? from : from + 1;
        if (timingIndex >= to || !isTiming(lines.get(timingIndex))) {
            int blamed = Math.min(timingIndex, to - 1) + 1;
            throw new TranscriptParseException(
                    blamed, "expected a timing line like 00:00:01,000 --> 00:00:04,000 after the cue number");
        }
        Matcher timing = TIMING.matcher(lines.get(timingIndex));
        timing.matches(); // always true here (isTiming checked it); called to fill the groups
        int lineNumber = timingIndex + 1;
        long start = Timestamps.parse(timing.group(1), lineNumber, EXAMPLE);
        long end = Timestamps.parse(timing.group(2), lineNumber, EXAMPLE);
        List<String> words = new ArrayList<>();
        for (int i = timingIndex + 1; i < to; i++) {
            String raw = CueText.stripOverrides(CueText.stripTags(lines.get(i)));
            String line = CueText.clean(CueText.decodeEntities(raw));
            if (!line.isEmpty()) {
                words.add(line);
            }
        }
        collector.accept(lineNumber, "cue", start, end, String.join(" ", words));
    }

    private static boolean isTiming(String line) {
        return line.contains("-->") && TIMING.matcher(line).matches();
    }
}
