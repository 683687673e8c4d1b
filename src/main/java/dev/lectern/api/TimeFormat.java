package dev.lectern.api;

/** Times as clients see them: {@code HH:MM:SS.mmm} and seconds. */
final class TimeFormat {

    private TimeFormat() {}

    static String clock(long millis) {
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        return String.format("%02d:%02d:%02d.%03d", hours, minutes, seconds, millis % 1000);
    }

    static double seconds(long millis) {
        return millis / 1000.0;
    }
}
