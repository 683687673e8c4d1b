package dev.lectern.api;

import dev.lectern.transcript.ClockTime;

/** Times as clients see them: {@code HH:MM:SS.mmm} and seconds. */
final class TimeFormat {

    private TimeFormat() {}

    static String clock(long millis) {
        return ClockTime.format(millis);
    }

    static double seconds(long millis) {
        return millis / 1000.0;
    }

    /**
     * Reads a time given by a client: {@code HH:MM:SS}, {@code MM:SS} or seconds.
     *
     * @throws ApiProblem naming {@code field} when the text is not such a time
     */
    static long parseMillis(String field, String text) {
        try {
            return ClockTime.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, field + ": " + e.getMessage());
        }
    }
}
