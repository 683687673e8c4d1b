package dev.lectern.transcript;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Whisper's text output: one cue per line, {@code [00:00:05.000 --> 00:00:12.560]   text}.
 *
 * <p>Blank lines are skipped; any other line that is not a cue is an error, because it usually means the
 * file is not Whisper output or was edited by hand and lost its timings.
 */
public final class WhisperTextParser implements TranscriptParser {

    private static final Pattern CUE = Pattern.compile("\\s*\\[([^\\]]*?)\\s*-->\\s*([^\\]]*?)]\\s*(.*)");
    private static final String EXAMPLE = "00:01:02.500";

    @Override
    public List<Segment> parse(String text) {
        SegmentCollector collector = new SegmentCollector();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            Matcher cue = CUE.matcher(line);
            if (!cue.matches()) {
                throw new TranscriptParseException(
                        lineNumber,
                        "expected a cue like [00:00:01.000 --> 00:00:04.000] text, found '" + abbreviate(line) + "'");
            }
            long start = Timestamps.parse(cue.group(1), lineNumber, EXAMPLE);
            long end = Timestamps.parse(cue.group(2), lineNumber, EXAMPLE);
            collector.accept(lineNumber, "cue", start, end, CueText.clean(cue.group(3)));
        }
        return collector.segments();
    }

    private static String abbreviate(String line) {
        String stripped = line.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }
}
