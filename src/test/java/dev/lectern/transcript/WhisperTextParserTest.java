package dev.lectern.transcript;

import static dev.lectern.transcript.Fixtures.assertRejected;
import static dev.lectern.transcript.Fixtures.assertRejectedStartingWith;
import static dev.lectern.transcript.Fixtures.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhisperTextParserTest {

    private final WhisperTextParser parser = new WhisperTextParser();

    @Test
    void readsGoldenFixtureDroppingMarkersAndSpeakerDashes() {
        assertEquals(
                List.of(
                        seg(0, 5000, "Hello, thank you all for joining."),
                        seg(7500, 12560, "Today we talk about transformers."),
                        seg(16640, 19520, "Thank you.")),
                parser.parse(Fixtures.text("/transcripts/whisper-sample.txt")));
    }

    @Test
    void dropsBlankAudioMarkers() {
        assertEquals(
                List.of(seg(0, 1000, "hi")),
                parser.parse(
                        "[00:00:00.000 --> 00:00:01.000]   hi\n[00:00:01.000 --> 00:00:09.000]   [BLANK_AUDIO]\n"));
    }

    @Test
    void acceptsHoursWithMoreThanTwoDigitsAndWindowsLineEndings() {
        assertEquals(
                List.of(seg(0, 1000, "a"), seg(360_000_000L, 360_001_500L, "b")),
                parser.parse("[00:00:00.000 --> 00:00:01.000] a\r\n[100:00:00.000 --> 100:00:01.500] b\r\n"));
    }

    @Test
    void rejectsUnreadableTimestampNamingIt() {
        assertRejected(
                parser::parse,
                "\n[00:00:01.000 --> 00:00:0x.000]   hello\n",
                2,
                "could not read the timestamp '00:00:0x.000'; write it as HH:MM:SS.mmm, for example 00:01:02.500");
    }

    @Test
    void rejectsMinutesOfSixtyOrMore() {
        assertRejected(
                parser::parse,
                "[00:61:00.000 --> 00:62:00.000] hello",
                1,
                "could not read the timestamp '00:61:00.000': minutes and seconds must be below 60");
    }

    @Test
    void rejectsCueEndingBeforeItStarts() {
        assertRejected(
                parser::parse,
                "[00:00:00.000 --> 00:00:01.000] a\n[00:00:06.000 --> 00:00:05.000] b\n",
                2,
                "cue ends (00:00:05.000) before it starts (00:00:06.000)");
    }

    @Test
    void rejectsDecreasingTimestamps() {
        assertRejected(
                parser::parse,
                "[00:00:05.000 --> 00:00:06.000] a\n\n[00:00:03.000 --> 00:00:04.000] b\n",
                3,
                "cue starts at 00:00:03.000, before the previous cue's start 00:00:05.000; cues must be in time order");
    }

    @Test
    void rejectsDecreasingTimestampsEvenOnMarkerOnlyCues() {
        assertRejectedStartingWith(
                parser::parse,
                "[00:00:05.000 --> 00:00:06.000] a\n[00:00:03.000 --> 00:00:04.000] [BLANK_AUDIO]\n",
                2,
                "cue starts at 00:00:03.000");
    }

    @Test
    void rejectsLineThatIsNotACue() {
        assertRejected(
                parser::parse,
                "[00:00:00.000 --> 00:00:01.000] a\nsome stray words\n",
                2,
                "expected a cue like [00:00:01.000 --> 00:00:04.000] text, found 'some stray words'");
    }

    @Test
    void returnsNothingForMarkerOnlyTranscript() {
        assertEquals(List.of(), parser.parse("\n[00:00:00.000 --> 00:00:10.000]   [BLANK_AUDIO]\n"));
    }
}
