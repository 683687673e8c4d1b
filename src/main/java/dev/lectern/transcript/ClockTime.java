package dev.lectern.transcript;

/** Moments of a lecture as people write them: {@code HH:MM:SS.mmm}, {@code MM:SS} or plain seconds. */
public final class ClockTime {

    private ClockTime() {}

    /** {@code HH:MM:SS.mmm}, hours as many digits as needed. */
    public static String format(long millis) {
        long hours = millis / 3_600_000;
        // Every search result carries two of these: String.format cost more than the rest of the result's JSON.
        StringBuilder text = new StringBuilder(12);
        if (hours < 10) {
            text.append('0');
        }
        text.append(hours).append(':');
        twoDigits(text, millis / 60_000 % 60).append(':');
        twoDigits(text, millis / 1000 % 60).append('.');
        long fraction = millis % 1000;
        if (fraction < 100) {
            text.append('0');
        }
        return twoDigits(text, fraction).toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return (value < 10 ? text.append('0') : text).append(value);
    }

    /** {@code millis} as {@code HH:MM:SS}, the milliseconds cut off (not rounded), for citations in text. */
    public static String formatWithoutMillis(long millis) {
        String full = format(millis);
        return full.substring(0, full.length() - ".mmm".length());
    }

    /**
     * Reads {@code HH:MM:SS}, {@code MM:SS} or seconds, each with optional fractions.
     *
     * @throws IllegalArgumentException saying what is accepted when {@code text} is not such a time
     */
    public static long parseMillis(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a time is required: HH:MM:SS, MM:SS or seconds");
        }
        String[] parts = text.strip().split(":");
        double seconds = 0;
        try {
            if (parts.length > 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < parts.length; i++) {
                double value = Double.parseDouble(parts[i]);
                if (value < 0 || (i > 0 && value >= 60) || !Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                seconds = seconds * 60 + value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: use HH:MM:SS, MM:SS or seconds");
        }
        return Math.round(seconds * 1000);
    }
}
