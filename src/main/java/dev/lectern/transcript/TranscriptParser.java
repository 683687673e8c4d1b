package dev.lectern.transcript;

import java.util.List;

/**
 * Reads one transcript format into segments.
 *
 * <p>Implementations receive text that is already decoded (see {@link Transcripts#decodeUtf8(byte[])}) and
 * return the spoken segments in time order, with non-speech markers such as {@code [BLANK_AUDIO]} removed.
 * A cue that holds nothing but markers is dropped, not reported. Anything malformed is reported as a
 * {@link TranscriptParseException} naming the 1-based line of the input at fault. An input without any
 * speech gives an empty list; deciding whether that is an error is left to the caller.
 */
public interface TranscriptParser {

    /**
     * @param text the whole transcript, decoded
     * @return the segments in time order; possibly empty, never null
     * @throws TranscriptParseException when the text is not valid for this format
     */
    List<Segment> parse(String text);
}
