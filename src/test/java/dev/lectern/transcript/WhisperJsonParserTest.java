package dev.lectern.transcript;

import static dev.lectern.transcript.Fixtures.assertRejected;
import static dev.lectern.transcript.Fixtures.assertRejectedStartingWith;
import static dev.lectern.transcript.Fixtures.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhisperJsonParserTest {

    private final WhisperJsonParser parser = new WhisperJsonParser();

    @Test
    void readsGoldenFixtureInMillisecondsDroppingMarkers() {
        assertEquals(
                List.of(seg(0, 3200, "Hello and welcome."), seg(6000, 10480, "Today we look at diffusion models.")),
                parser.parse(Fixtures.text("/transcripts/lecture.json")));
    }

    @Test
    void reportsLineOfJsonSyntaxError() {
        assertRejectedStartingWith(
                parser::parse,
                "{\n  \"segments\": [\n    {\"start\": 0.0,, \"end\": 1}\n  ]\n}",
                3,
                "not valid JSON: ");
    }

    @Test
    void rejectsJsonWithoutSegmentsArray() {
        assertRejected(
                parser::parse,
                "{\n  \"text\": \"hello\"\n}\n",
                0,
                "expected Whisper JSON: an object with a \"segments\" array of {\"start\", \"end\", \"text\"},"
                        + " but there is no \"segments\" field");
    }

    @Test
    void rejectsSegmentsThatAreNotAnArray() {
        assertRejected(parser::parse, "{\n  \"segments\": {}\n}\n", 2, "\"segments\" must be an array of segments");
    }

    @Test
    void rejectsSegmentWithoutNumericStart() {
        assertRejected(
                parser::parse,
                "{\"segments\": [\n  {\"start\": 0, \"end\": 1, \"text\": \"a\"},\n  {\"start\": \"1.0\", \"end\": 2, \"text\": \"b\"}\n]}",
                3,
                "segments[1] needs a numeric \"start\" in seconds, found \"1.0\"");
    }

    @Test
    void rejectsSegmentWithoutEnd() {
        assertRejected(
                parser::parse,
                "{\"segments\": [\n  {\"start\": 0, \"text\": \"a\"}\n]}",
                2,
                "segments[0] needs a numeric \"end\" in seconds, found nothing");
    }

    @Test
    void rejectsSegmentEndingBeforeItStartsOnItsLine() {
        assertRejected(
                parser::parse,
                "{\"segments\": [\n  {\"start\": 0, \"end\": 1, \"text\": \"a\"},\n  {\"start\": 6, \"end\": 5, \"text\": \"b\"}\n]}",
                3,
                "segments[1] ends (00:00:05.000) before it starts (00:00:06.000)");
    }

    @Test
    void rejectsDecreasingTimestamps() {
        assertRejectedStartingWith(
                parser::parse,
                "{\"segments\": [\n  {\"start\": 5, \"end\": 6, \"text\": \"a\"},\n  {\"start\": 1, \"end\": 2, \"text\": \"b\"}\n]}",
                3,
                "segments[1] starts at 00:00:01.000, before the previous cue's start 00:00:05.000");
    }

    @Test
    void returnsNothingForEmptySegments() {
        assertEquals(List.of(), parser.parse("{\"segments\": []}"));
    }
}
