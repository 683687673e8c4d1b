package dev.lectern.transcript;

import static dev.lectern.transcript.Fixtures.assertRejected;
import static dev.lectern.transcript.Fixtures.assertRejectedStartingWith;
import static dev.lectern.transcript.Fixtures.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrtParserTest {

    private final SrtParser parser = new SrtParser();

    @Test
    void readsGoldenFixtureJoiningLinesAndStrippingTags() {
        assertEquals(
                List.of(
                        seg(1000, 4000, "Welcome to the course."),
                        seg(4500, 7250, "This is line one and this is line two."),
                        seg(9000, 11000, "Let's begin.")),
                parser.parse(Fixtures.text("/transcripts/lecture.srt")));
    }

    @Test
    void toleratesMissingOrGarbledCueNumbers() {
        String srt = "00:00:01,000 --> 00:00:02,000\na\n\n#?\n00:00:02,000 --> 00:00:03,000\nb\n";
        assertEquals(List.of(seg(1000, 2000, "a"), seg(2000, 3000, "b")), parser.parse(srt));
    }

    @Test
    void rejectsBlockWithoutTimingLine() {
        assertRejected(
                parser::parse,
                "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\nHello there\n",
                6,
                "expected a timing line like 00:00:01,000 --> 00:00:04,000 after the cue number");
    }

    @Test
    void rejectsUnreadableTimestampNamingIt() {
        assertRejected(
                parser::parse,
                "1\n00:00:01,000 --> 00:00:02;000\na\n",
                2,
                "could not read the timestamp '00:00:02;000'; write it as HH:MM:SS.mmm, for example 00:01:02,500");
    }

    @Test
    void rejectsCueEndingBeforeItStarts() {
        assertRejected(
                parser::parse,
                "1\n00:00:06,000 --> 00:00:05,000\na\n",
                2,
                "cue ends (00:00:05.000) before it starts (00:00:06.000)");
    }

    @Test
    void rejectsDecreasingTimestamps() {
        assertRejectedStartingWith(
                parser::parse,
                "1\n00:00:05,000 --> 00:00:06,000\na\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n",
                6,
                "cue starts at 00:00:01.000, before the previous cue's start 00:00:05.000");
    }
}
