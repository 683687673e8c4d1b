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

    /**
     * Reads a time given by a client: {@code HH:MM:SS}, {@code MM:SS} or seconds, each with optional fractions.
     *
     * @throws ApiProblem naming {@code field} when the text is not such a time
     */
    static long parseMillis(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalid(field, field + " is required: a time as HH:MM:SS or seconds");
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
            throw ApiProblem.invalid(field, field + " '" + text + "' is not a time: use HH:MM:SS, MM:SS or seconds");
        }
        return Math.round(seconds * 1000);
    }
}
