package dev.lectern.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClockTimeTest {

    @Test
    void formatsHoursMinutesSecondsAndMillisecondsWithFixedWidths() {
        assertEquals("00:00:00.000", ClockTime.format(0));
        assertEquals("00:00:00.009", ClockTime.format(9));
        assertEquals("00:00:00.090", ClockTime.format(90));
        assertEquals("00:00:01.999", ClockTime.format(1_999));
        assertEquals("00:14:48.480", ClockTime.format(888_480));
        assertEquals("01:00:00.000", ClockTime.format(3_600_000));
        assertEquals("09:59:59.999", ClockTime.format(35_999_999));
        assertEquals("123:04:05.006", ClockTime.format(123L * 3_600_000 + 4 * 60_000 + 5_006));
    }

    @Test
    void formatsWholeSecondsForCitations() {
        assertEquals("00:16:26", ClockTime.formatWithoutMillis(986_480));
    }

    @Test
    void readsWhatItWrites() {
        for (long millis : new long[] {0, 7, 59_999, 3_599_999, 36_000_001}) {
            assertEquals(millis, ClockTime.parseMillis(ClockTime.format(millis)));
        }
    }
}
