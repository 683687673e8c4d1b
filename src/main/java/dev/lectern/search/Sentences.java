package dev.lectern.search;

import dev.lectern.passage.Passage;
import dev.lectern.transcript.Segment;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a passage into sentences and finds when each was said. Segment times are the only times a transcript
 * gives, so a sentence spans from the start of the segment it begins in to the end of the segment it ends in.
 */
final class Sentences {

    /** Longer "sentences" come from unpunctuated speech; they are split at segment ends instead. */
    private static final int MAX_WORDS = 60;

    private Sentences() {}

    static List<TimedSentence> of(Passage passage) {
        List<Segment> segments = passage.segments();
        String text = passage.text();
        int[] segmentStarts = new int[segments.size()];
        int offset = 0;
        for (int i = 0; i < segments.size(); i++) {
            segmentStarts[i] = offset;
            offset += segments.get(i).text().length() + Passage.SEPARATOR.length();
        }
        List<TimedSentence> sentences = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        breaks.setText(text);
        for (int start = breaks.first(), end = breaks.next();
                end != BreakIterator.DONE;
                start = end, end = breaks.next()) {
            String sentence = text.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            int first = segmentAt(segmentStarts, start);
            int last = segmentAt(segmentStarts, Math.max(start, end - 1));
            if (sentence.split("\\s+").length > MAX_WORDS && last > first) {
                for (int s = first; s <= last; s++) {
                    Segment segment = segments.get(s);
                    sentences.add(new TimedSentence(segment.text(), segment.startMillis(), segment.endMillis()));
                }
            } else {
                sentences.add(new TimedSentence(
                        sentence,
                        segments.get(first).startMillis(),
                        segments.get(last).endMillis()));
            }
        }
        return sentences;
    }

    private static int segmentAt(int[] segmentStarts, int charOffset) {
        int index = 0;
        while (index + 1 < segmentStarts.length && segmentStarts[index + 1] <= charOffset) {
            index++;
        }
        return index;
    }
}
