package dev.lectern.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the clock timestamps shared by the Whisper text, WebVTT and SRT formats. */
final class Timestamps {

    // Hours are optional (WebVTT allows MM:SS.mmm) and may have more than two digits, because recordings of
    // a whole conference day run past 99 hours when concatenated. Both '.' and ',' are accepted so that SRT
    // files written with '.' by some tools still read.
    private static final Pattern TIME = Pattern.compile("(?:(\\d{1,6}):)?(\\d{2}):(\\d{2})[.,](\\d{3})");

    private Timestamps() {}

    /**
     * Reads {@code [H]HH:MM:SS.mmm}, {@code MM:SS.mmm} or the comma variant into milliseconds.
     *
     * @param example a correctly written timestamp of the caller's format, quoted in the error message
     * @throws TranscriptParseException on {@code line} when the text is not a timestamp
     */
    static long parse(String text, int line, String example) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new TranscriptParseException(
                    line,
                    "could not read the timestamp '" + text.strip() + "'; write it as HH:MM:SS.mmm, for example "
                            + example);
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (minutes > 59 || seconds > 59) {
            throw new TranscriptParseException(
                    line, "could not read the timestamp '" + text.strip() + "': minutes and seconds must be below 60");
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(m.group(4));
    }
}
