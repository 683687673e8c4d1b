package dev.lectern.generate;

import dev.lectern.search.SearchHit;
import dev.lectern.transcript.ClockTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a generated answer's citations against the passages the model was given. A citation is a time in
 * brackets, {@code [00:16:26]}; it is valid when one of the passages covers that time. Invalid ones are
 * removed from the text, so a reader never follows a citation to a moment that does not say what is claimed.
 */
final class Citations {

    /** {@code [HH:MM:SS]} or {@code [MM:SS]}, optionally a range {@code [HH:MM:SS–HH:MM:SS]}. */
    private static final Pattern CITATION =
            Pattern.compile("\\[((?:\\d{1,2}:)?\\d{1,2}:\\d{2})(?:\\s*[–-]\\s*(?:\\d{1,2}:)?\\d{1,2}:\\d{2})?\\]");

    private Citations() {}

    /** A citation found in the text, and the passage that covers it, if any. */
    record Citation(String time, SearchHit passage) {

        boolean valid() {
            return passage != null;
        }
    }

    /** The answer with invalid citations removed, and every citation found. */
    record Checked(String text, List<Citation> citations) {

        List<Citation> valid() {
            return citations.stream().filter(Citation::valid).toList();
        }

        List<String> removed() {
            return citations.stream()
                    .filter(c -> !c.valid())
                    .map(Citation::time)
                    .toList();
        }
    }

    static Checked check(String answer, List<SearchHit> passages) {
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Matcher matcher = CITATION.matcher(answer);
        while (matcher.find()) {
            String time = matcher.group(1);
            SearchHit passage = covering(time, passages);
            citations.add(new Citation(time, passage));
            matcher.appendReplacement(text, passage == null ? "" : Matcher.quoteReplacement(matcher.group()));
        }
        matcher.appendTail(text);
        // Removing a citation can leave a space before punctuation: "fact [99:00:00]." becomes "fact ."
        String cleaned = text.toString()
                .replaceAll(" +([.,;:!?])", "$1")
                .replaceAll(" {2,}", " ")
                .strip();
        return new Checked(cleaned, citations);
    }

    private static SearchHit covering(String time, List<SearchHit> passages) {
        long millis = ClockTime.parseMillis(time);
        for (SearchHit passage : passages) {
            // Citations are written to the second; a passage starting at 00:16:26.640 is cited as [00:16:26].
            if (millis >= passage.passage().startMillis() / 1000 * 1000
                    && millis <= passage.passage().endMillis()) {
                return passage;
            }
        }
        return null;
    }
}
