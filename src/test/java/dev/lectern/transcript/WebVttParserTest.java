package dev.lectern.transcript;

import static dev.lectern.transcript.Fixtures.assertRejected;
import static dev.lectern.transcript.Fixtures.assertRejectedStartingWith;
import static dev.lectern.transcript.Fixtures.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttParserTest {

    private final WebVttParser parser = new WebVttParser();

    @Test
    void readsGoldenFixtureSkippingHeaderNotesStylesAndIdentifiers() {
        assertEquals(
                List.of(
                        seg(1000, 4000, "Welcome back, everyone."),
                        seg(4000, 8500, "Today: queries, keys & values, and why they <matter>."),
                        seg(10000, 12250, "Let's start with a question.")),
                parser.parse(Fixtures.text("/transcripts/lecture.vtt")));
    }

    @Test
    void deduplicatesYoutubeRollingCaptions() {
        assertEquals(
                List.of(
                        seg(0, 2310, "so today we're going to talk"),
                        seg(2320, 4870, "about attention and transformers"),
                        seg(7120, 9950, "okay so let's start"),
                        seg(9960, 12430, "can you hear me")),
                parser.parse(Fixtures.text("/transcripts/youtube-rolling.vtt")));
    }

    @Test
    void keepsOnlyNewWordsWhenCueRepeatsPreviousLastLine() {
        String vtt = """
                WEBVTT

                00:00:01.000 --> 00:00:02.000
                first line
                second line

                00:00:02.000 --> 00:00:03.000
                second line
                third line
                """;
        assertEquals(
                List.of(seg(1000, 2000, "first line second line"), seg(2000, 3000, "third line")), parser.parse(vtt));
    }

    @Test
    void doesNotCutARepeatedPrefixInsideAWord() {
        String vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nso\n\n00:00:02.000 --> 00:00:03.000\nsome more\n";
        assertEquals(List.of(seg(1000, 2000, "so"), seg(2000, 3000, "some more")), parser.parse(vtt));
    }

    @Test
    void removesMarkersInsideCueText() {
        String vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Music] hello ♪ la la ♪ there (laughs)\n";
        assertEquals(List.of(seg(1000, 2000, "hello there")), parser.parse(vtt));
    }

    @Test
    void acceptsTimestampsWithoutHours() {
        assertEquals(List.of(seg(61_500, 62_000, "hi")), parser.parse("WEBVTT\n\n01:01.500 --> 01:02.000\nhi\n"));
    }

    @Test
    void rejectsFileWithoutWebvttHeader() {
        assertRejected(
                parser::parse,
                "00:00:01.000 --> 00:00:02.000\nhi\n",
                1,
                "a WebVTT file must start with the line WEBVTT");
    }

    @Test
    void rejectsUnreadableTimestampNamingIt() {
        assertRejectedStartingWith(
                parser::parse,
                "WEBVTT\n\n00:00:01.000 --> 00:00:02,5\nhi\n",
                3,
                "could not read the timestamp '00:00:02,5'");
    }

    @Test
    void rejectsCueEndingBeforeItStarts() {
        assertRejected(
                parser::parse,
                "WEBVTT\n\nid\n00:00:06.000 --> 00:00:05.000\nhi\n",
                4,
                "cue ends (00:00:05.000) before it starts (00:00:06.000)");
    }

    @Test
    void rejectsDecreasingTimestamps() {
        assertRejected(
                parser::parse,
                "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\na\n\n00:00:04.000 --> 00:00:07.000\nb\n",
                6,
                "cue starts at 00:00:04.000, before the previous cue's start 00:00:05.000; cues must be in time order");
    }

    @Test
    void rejectsCueWithoutTimingLine() {
        assertRejected(
                parser::parse,
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\n\nlonely\ntext\n",
                7,
                "expected a cue timing line like 00:00:01.000 --> 00:00:04.000");
    }

    @Test
    void returnsNothingWhenThereAreNoCues() {
        assertEquals(List.of(), parser.parse("WEBVTT\nKind: captions\n\nNOTE nothing here yet\n"));
    }
}
