package dev.lectern.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WebVTT captions, including the rolling captions YouTube generates automatically.
 *
 * <p>The {@code WEBVTT} header and its metadata lines, {@code NOTE}, {@code STYLE} and {@code REGION}
 * blocks, cue identifiers and cue settings are skipped. Cue text lines are joined with a space after
 * removing markup ({@code <v Name>}, {@code <c>}, inline timestamps...) and decoding HTML entities.
 *
 * <p>YouTube's rolling captions show each line twice: a cue repeats the previous cue's last line before
 * its new words, and tiny 10 ms cues repeat what is already on screen. Without de-duplication every
 * sentence would be indexed twice, so a cue keeps only the words that follow the previous kept cue's text
 * (or its last line), and a cue that adds nothing is dropped. The same rule drops a caption that merely
 * repeats the one before it in ordinary files, which costs nothing for search.
 */
public final class WebVttParser implements TranscriptParser {

    private static final Pattern TIMING = Pattern.compile("\\s*(\\S+)\\s+-->\\s+(\\S+)(?:\\s.*)?");
    private static final String EXAMPLE = "00:01:02.500";

    @Override
    public List<Segment> parse(String text) {
        List<String> lines = text.lines().toList();
        SegmentCollector collector = new SegmentCollector();
        int i = skipHeader(lines);
        Shown previous = Shown.NOTHING;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
            } else if (startsBlock(line, "NOTE") || startsBlock(line, "STYLE") || startsBlock(line, "REGION")) {
                i = endOfCue(lines, i);
            } else {
                int timingIndex = line.contains("-->") ? i : i + 1;
                if (timingIndex >= lines.size() || !lines.get(timingIndex).contains("-->")) {
                    throw new TranscriptParseException(
                            Math.min(timingIndex, lines.size() - 1) + 1,
                            "expected a cue timing line like 00:00:01.000 --> 00:00:04.000");
                }
                int end = endOfCue(lines, timingIndex + 1);
                previous = readCue(lines, timingIndex, end, previous, collector);
                i = end;
            }
        }
        return collector.segments();
    }

    /** Reads the cue whose timing line is at {@code timingIndex} and whose text runs up to {@code end}. */
    private static Shown readCue(
            List<String> lines, int timingIndex, int end, Shown previous, SegmentCollector collector) {
        int lineNumber = timingIndex + 1;
        Matcher timing = TIMING.matcher(lines.get(timingIndex));
        if (!timing.matches()) {
            throw new TranscriptParseException(
                    lineNumber,
                    "expected a cue timing line like 00:00:01.000 --> 00:00:04.000, found '"
                            + lines.get(timingIndex).strip() + "'");
        }
        long start = Timestamps.parse(timing.group(1), lineNumber, EXAMPLE);
        long stop = Timestamps.parse(timing.group(2), lineNumber, EXAMPLE);
        List<String> shownLines = new ArrayList<>();
        for (int i = timingIndex + 1; i < end; i++) {
            String words = CueText.clean(CueText.decodeEntities(CueText.stripTags(lines.get(i))));
            if (!words.isEmpty()) {
                shownLines.add(words);
            }
        }
        Shown shown = new Shown(
                String.join(" ", shownLines), shownLines.isEmpty() ? "" : shownLines.get(shownLines.size() - 1));
        String fresh = shown.newWordsAfter(previous);
        collector.accept(lineNumber, "cue", start, stop, fresh);
        return fresh.isEmpty() ? previous : shown;
    }

    /** Skips the WEBVTT line and the metadata lines under it, returning the index of the first line after. */
    private static int skipHeader(List<String> lines) {
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        String first = i < lines.size() ? lines.get(i).strip() : "";
        if (!first.equals("WEBVTT") && !first.startsWith("WEBVTT ") && !first.startsWith("WEBVTT\t")) {
            throw new TranscriptParseException(i + 1, "a WebVTT file must start with the line WEBVTT");
        }
        while (i < lines.size() && !lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static boolean startsBlock(String line, String keyword) {
        return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    /**
     * Finds the end of the cue text starting at {@code from}. The WebVTT spec ends a cue at an empty line,
     * but YouTube puts lines holding a single space inside cues while hand-edited files leave spaces on the
     * separating lines; so a whitespace-only line ends the cue only when what follows starts a new block.
     */
    private static int endOfCue(List<String> lines, int from) {
        int i = from;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isEmpty() || line.isBlank() && startsNewBlock(lines, i + 1)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static boolean startsNewBlock(List<String> lines, int i) {
        return i >= lines.size()
                || lines.get(i).isBlank()
                || lines.get(i).contains("-->")
                || i + 1 < lines.size() && lines.get(i + 1).contains("-->");
    }

    /** What a cue put on screen: all its text, and its last line, which the next rolling cue repeats. */
    private record Shown(String text, String lastLine) {

        static final Shown NOTHING = new Shown("", "");

        /** The words of this cue that the previous cue did not already show; "" when there are none. */
        String newWordsAfter(Shown previous) {
            if (previous.text.isEmpty()) {
                return text;
            }
            if (previous.text.endsWith(text) && endsAtWordBoundary(previous.text, text)) {
                return "";
            }
            for (String repeated : List.of(previous.text, previous.lastLine)) {
                if (!repeated.isEmpty()
                        && text.startsWith(repeated)
                        && (text.length() == repeated.length() || text.charAt(repeated.length()) == ' ')) {
                    return text.substring(repeated.length()).strip();
                }
            }
            return text;
        }

        private static boolean endsAtWordBoundary(String whole, String tail) {
            int cut = whole.length() - tail.length();
            return cut == 0 || whole.charAt(cut - 1) == ' ';
        }
    }
}
