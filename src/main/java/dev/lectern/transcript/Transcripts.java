package dev.lectern.transcript;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The entry point for reading an uploaded transcript: decodes the bytes, works out the format when asked
 * to, and returns the spoken segments.
 *
 * <p>Every failure is a {@link TranscriptParseException} whose message is meant for the person who
 * uploaded the file: it names the line at fault (or none when the whole file is at fault) and says what
 * to fix.
 */
public final class Transcripts {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Pattern WHISPER_CUE =
            Pattern.compile("(?m)^[ \\t]*\\[(?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3}[ \\t]*-->");
    private static final Pattern SRT_TIMING =
            Pattern.compile("(?m)^[ \\t]*\\d+:\\d{2}:\\d{2},\\d{3}[ \\t]*-->[ \\t]*\\d+:\\d{2}:\\d{2},\\d{3}");

    private Transcripts() {}

    /**
     * Reads a transcript.
     *
     * @param bytes the file as uploaded; must be UTF-8 (a leading byte order mark is allowed)
     * @param format the format, or {@link TranscriptFormat#AUTO} to detect it from the content
     * @return the spoken segments in time order; never empty
     * @throws TranscriptParseException when the file is empty, not UTF-8, of an unrecognised format,
     *     malformed, or holds no speech
     */
    public static List<Segment> parse(byte[] bytes, TranscriptFormat format) {
        if (bytes.length == 0) {
            throw empty();
        }
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw empty();
        }
        TranscriptFormat actual = format == TranscriptFormat.AUTO ? detect(text) : format;
        List<Segment> segments = parserFor(actual).parse(text);
        if (segments.isEmpty()) {
            throw new TranscriptParseException(
                    0,
                    "no speech found: the " + actual.id()
                            + " transcript has no cues with spoken words (only headers, notes or markers such as"
                            + " [BLANK_AUDIO])");
        }
        return segments;
    }

    /**
     * Works out a transcript's format from its content.
     *
     * @throws TranscriptParseException (line 0) when the content matches no format
     */
    public static TranscriptFormat detect(String text) {
        String start = stripByteOrderMark(text).stripLeading();
        if (start.startsWith("WEBVTT")) {
            return TranscriptFormat.VTT;
        }
        if (start.startsWith("{")) {
            return TranscriptFormat.JSON;
        }
        if (WHISPER_CUE.matcher(text).find()) {
            return TranscriptFormat.WHISPER;
        }
        if (SRT_TIMING.matcher(text).find()) {
            return TranscriptFormat.SRT;
        }
        throw new TranscriptParseException(
                0,
                "could not recognise the transcript format; expected Whisper text"
                        + " ([00:00:01.000 --> 00:00:04.000] text), WebVTT, SubRip or Whisper JSON. If it is one of"
                        + " these, name it with format=whisper|vtt|srt|json");
    }

    /** The parser for a concrete format. */
    public static TranscriptParser parserFor(TranscriptFormat format) {
        return switch (format) {
            case WHISPER -> new WhisperTextParser();
            case VTT -> new WebVttParser();
            case SRT -> new SrtParser();
            case JSON -> new WhisperJsonParser();
            case AUTO -> throw new IllegalArgumentException("AUTO is not a concrete format; call detect first");
        };
    }

    /**
     * Decodes UTF-8 strictly, dropping a leading byte order mark. Unlike {@code new String(bytes, UTF_8)},
     * which silently turns bad bytes into U+FFFD, a file saved in another encoding (Windows-1252 from an
     * old caption editor, say) is reported so the user can re-save it rather than get garbled search text.
     *
     * @throws TranscriptParseException naming the line of the first byte that is not valid UTF-8
     */
    public static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 chars than it has bytes, so one buffer suffices.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new TranscriptParseException(
                    lineOfByte(bytes, at),
                    String.format(
                            "not valid UTF-8: byte 0x%02X cannot be read as text; save the file as UTF-8 and upload it again",
                            bytes[at] & 0xFF));
        }
        return stripByteOrderMark(out.flip().toString());
    }

    private static int lineOfByte(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            // Count \r\n once, and a lone \r (old Mac files) as a line end too, as String.lines() does.
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    private static String stripByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static TranscriptParseException empty() {
        return new TranscriptParseException(0, "the transcript is empty");
    }
}
