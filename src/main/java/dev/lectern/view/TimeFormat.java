package dev.lectern.view;

import dev.lectern.transcript.ClockTime;

/** Times as clients see them: {@code HH:MM:SS.mmm} and seconds. */
public final class TimeFormat {

    private TimeFormat() {}

    /** {@code HH:MM:SS.mmm}. */
    public static String clock(long millis) {
        return ClockTime.format(millis);
    }

    /** Seconds, with the milliseconds as decimals. */
    public static double seconds(long millis) {
        return millis / 1000.0;
    }
}
