package dev.lectern.transcript;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads Whisper's JSON output: an object with a {@code segments} array whose elements carry {@code start}
 * and {@code end} in seconds and the spoken {@code text}. Other fields (tokens, probabilities, words) are
 * ignored.
 *
 * <p>The document is streamed rather than bound to a tree so that each error names the line of the segment
 * at fault; Whisper's JSON puts one segment per line in a file that can be megabytes long.
 */
public final class WhisperJsonParser implements TranscriptParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXPECTED =
            "expected Whisper JSON: an object with a \"segments\" array of {\"start\", \"end\", \"text\"}";

    @Override
    public List<Segment> parse(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TranscriptParseException(lineOf(parser), EXPECTED);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("segments")) {
                    return readSegments(parser);
                }
                parser.skipChildren();
            }
            throw new TranscriptParseException(0, EXPECTED + ", but there is no \"segments\" field");
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new TranscriptParseException(
                    where == null ? 0 : Math.max(where.getLineNr(), 0), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Reading from a String does no I/O; this cannot happen short of a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    private static List<Segment> readSegments(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new TranscriptParseException(lineOf(parser), "\"segments\" must be an array of segments");
        }
        SegmentCollector collector = new SegmentCollector();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = lineOf(parser);
            String label = "segments[" + index + "]";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new TranscriptParseException(line, label + " must be an object with start, end and text");
            }
            JsonNode segment = parser.readValueAsTree();
            long start = seconds(segment, "start", label, line);
            long end = seconds(segment, "end", label, line);
            JsonNode words = segment.get("text");
            if (words == null || !words.isTextual()) {
                throw new TranscriptParseException(line, label + " has no \"text\" string");
            }
            collector.accept(line, label, start, end, CueText.clean(words.asText()));
            index++;
        }
        return collector.segments();
    }

    private static long seconds(JsonNode segment, String field, String label, int line) {
        JsonNode value = segment.get(field);
        if (value == null || !value.isNumber()) {
            throw new TranscriptParseException(
                    line,
                    label + " needs a numeric \"" + field + "\" in seconds, found "
                            + (value == null ? "nothing" : value.toString()));
        }
        double seconds = value.asDouble();
        if (seconds < 0 || Double.isInfinite(seconds)) {
            throw new TranscriptParseException(
                    line, label + " has \"" + field + "\" " + value + "; times must be zero or more seconds");
        }
        return Math.round(seconds * 1000);
    }

    private static int lineOf(JsonParser parser) {
        // Jackson reports -1 when it does not know; 0 is this package's "no particular line".
        return Math.max(parser.currentTokenLocation().getLineNr(), 0);
    }
}
