package dev.lectern.transcript;

import static dev.lectern.transcript.Fixtures.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptsTest {

    private static final String LECTURE = "/corpus/cs25-ming-ding-multimodal-pretraining.txt";

    @Test
    void detectsFormatFromContent() {
        assertEquals(TranscriptFormat.WHISPER, Transcripts.detect(Fixtures.text("/transcripts/whisper-sample.txt")));
        assertEquals(TranscriptFormat.VTT, Transcripts.detect(Fixtures.text("/transcripts/lecture.vtt")));
        assertEquals(TranscriptFormat.VTT, Transcripts.detect(Fixtures.text("/transcripts/youtube-rolling.vtt")));
        assertEquals(TranscriptFormat.SRT, Transcripts.detect(Fixtures.text("/transcripts/lecture.srt")));
        assertEquals(TranscriptFormat.JSON, Transcripts.detect(Fixtures.text("/transcripts/lecture.json")));
    }

    @Test
    void parsesEveryFixtureWithAutoDetection() {
        for (String fixture :
                List.of("whisper-sample.txt", "lecture.vtt", "youtube-rolling.vtt", "lecture.srt", "lecture.json")) {
            byte[] bytes = Fixtures.bytes("/transcripts/" + fixture);
            TranscriptFormat format = Transcripts.detect(Transcripts.decodeUtf8(bytes));
            assertEquals(
                    Transcripts.parserFor(format).parse(Transcripts.decodeUtf8(bytes)),
                    Transcripts.parse(bytes, TranscriptFormat.AUTO),
                    fixture);
        }
    }

    @Test
    void rejectsUnrecognisedFormatAskingForAnExplicitOne() {
        TranscriptParseException e = assertThrows(
                TranscriptParseException.class,
                () -> Transcripts.parse(utf8("just some notes\nabout a lecture\n"), TranscriptFormat.AUTO));
        assertEquals(0, e.line());
        assertTrue(e.reason().startsWith("could not recognise the transcript format;"), e.reason());
        assertTrue(e.reason().endsWith("name it with format=whisper|vtt|srt|json"), e.reason());
    }

    @Test
    void usesTheNamedFormatInsteadOfDetecting() {
        TranscriptParseException e = assertThrows(
                TranscriptParseException.class,
                () -> Transcripts.parse(Fixtures.bytes("/transcripts/whisper-sample.txt"), TranscriptFormat.VTT));
        assertEquals(2, e.line());
        assertEquals("a WebVTT file must start with the line WEBVTT", e.reason());
    }

    @Test
    void rejectsEmptyInput() {
        for (String blank : List.of("", "   \n\t\r\n", "\uFEFF\n")) {
            TranscriptParseException e = assertThrows(
                    TranscriptParseException.class, () -> Transcripts.parse(utf8(blank), TranscriptFormat.AUTO));
            assertEquals(0, e.line());
            assertEquals("the transcript is empty", e.reason());
        }
    }

    @Test
    void reportsLineOfInvalidUtf8() {
        byte[] latin1 = "[00:00:00.000 --> 00:00:01.000] ok\r\n[00:00:01.000 --> 00:00:02.000] caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        TranscriptParseException e =
                assertThrows(TranscriptParseException.class, () -> Transcripts.parse(latin1, TranscriptFormat.AUTO));
        assertEquals(2, e.line());
        assertEquals(
                "not valid UTF-8: byte 0xE9 cannot be read as text; save the file as UTF-8 and upload it again",
                e.reason());
    }

    @Test
    void reportsTruncatedUtf8AtTheEnd() {
        byte[] bytes = {'a', '\n', 'b', '\n', (byte) 0xE2, (byte) 0x82};
        TranscriptParseException e = assertThrows(TranscriptParseException.class, () -> Transcripts.decodeUtf8(bytes));
        assertEquals(3, e.line());
    }

    @Test
    void stripsLeadingByteOrderMark() {
        byte[] bytes = utf8("\uFEFFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n");
        assertEquals(List.of(seg(1000, 2000, "hi")), Transcripts.parse(bytes, TranscriptFormat.AUTO));
    }

    @Test
    void rejectsTranscriptWithNoSpeech() {
        for (String noSpeech : List.of(
                "\n[00:00:00.000 --> 00:00:10.000]   [BLANK_AUDIO]\n",
                "WEBVTT\n\nNOTE nothing yet\n",
                "{\"segments\": []}")) {
            TranscriptParseException e = assertThrows(
                    TranscriptParseException.class, () -> Transcripts.parse(utf8(noSpeech), TranscriptFormat.AUTO));
            assertEquals(0, e.line());
            assertTrue(e.reason().startsWith("no speech found: "), e.reason());
        }
    }

    @Test
    void rejectsAutoAsAConcreteParser() {
        assertThrows(IllegalArgumentException.class, () -> Transcripts.parserFor(TranscriptFormat.AUTO));
    }

    @Test
    void parsesTheDefaultLecture() {
        List<Segment> segments = Transcripts.parse(Fixtures.bytes(LECTURE), TranscriptFormat.AUTO);

        assertTrue(segments.size() > 500, "segments: " + segments.size());
        assertEquals(seg(0, 5000, "Hello, thank you all for joining CS25 Transformers today."), segments.get(0));
        assertFalse(segments.stream().anyMatch(s -> s.text().contains("[BLANK_AUDIO]")));
        for (int i = 1; i < segments.size(); i++) {
            assertTrue(segments.get(i).startMillis() >= segments.get(i - 1).startMillis(), "segment " + i);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
