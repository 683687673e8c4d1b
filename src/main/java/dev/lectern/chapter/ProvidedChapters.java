package dev.lectern.chapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.transcript.ClockTime;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.TranscriptParseException;
import dev.lectern.transcript.Transcripts;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads chapters a person provides: a WebVTT chapters track (each cue's text is a title, its start the chapter's
 * start) or JSON {@code [{"start": "00:12:30", "title": "..."}]} ({@code start} as {@code HH:MM:SS}, {@code MM:SS}
 * or seconds). Starts must increase and lie within the lecture.
 */
public final class ProvidedChapters {

    /** The most chapters one lecture may have. */
    public static final int MAX_CHAPTERS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvidedChapters() {}

    /**
     * Reads a WebVTT chapters track.
     *
     * @param lectureEndMillis the end of the lecture: no chapter may start at or after it
     * @throws ChapterInputException naming the line at fault
     */
    public static List<ProvidedChapter> fromVtt(byte[] track, long lectureEndMillis) {
        List<Segment> cues;
        try {
            cues = Transcripts.parse(track, TranscriptFormat.VTT);
        } catch (TranscriptParseException e) {
            throw new ChapterInputException("chapters", e.line(), e.getMessage());
        }
        List<ProvidedChapter> chapters = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            Segment cue = cues.get(i);
            String where = "cue " + (i + 1) + " (" + ClockTime.format(cue.startMillis()) + ")";
            chapters.add(check(where, "chapters", cue.startMillis(), cue.text(), chapters, lectureEndMillis));
        }
        return checkCount(chapters);
    }

    /**
     * Reads JSON {@code [{"start","title"}]}.
     *
     * @throws ChapterInputException naming the entry at fault
     */
    public static List<ProvidedChapter> fromJson(byte[] body, long lectureEndMillis) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ChapterInputException("chapters", 0, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ChapterInputException("chapters", 0, "the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ChapterInputException(
                    "chapters", 0, "expected a JSON array of {\"start\": \"HH:MM:SS\", \"title\": \"...\"}");
        }
        List<ProvidedChapter> chapters = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String where = "entry " + (i + 1);
            String field = "[" + i + "]";
            if (!entry.isObject()) {
                throw new ChapterInputException(field, 0, where + ": expected an object with start and title");
            }
            JsonNode start = entry.get("start");
            long startMillis;
            if (start == null || start.isNull()) {
                throw new ChapterInputException(field + ".start", 0, where + ": start is required");
            } else if (start.isNumber()) {
                if (start.asDouble() < 0 || !Double.isFinite(start.asDouble())) {
                    throw new ChapterInputException(
                            field + ".start", 0, where + ": start must be >= 0 seconds, was " + start.asText());
                }
                startMillis = Math.round(start.asDouble() * 1000);
            } else if (start.isTextual()) {
                try {
                    startMillis = ClockTime.parseMillis(start.asText());
                } catch (IllegalArgumentException e) {
                    throw new ChapterInputException(field + ".start", 0, where + ": " + e.getMessage());
                }
            } else {
                throw new ChapterInputException(
                        field + ".start", 0, where + ": start must be a time (HH:MM:SS, MM:SS) or seconds");
            }
            JsonNode title = entry.get("title");
            if (title == null || !title.isTextual()) {
                throw new ChapterInputException(field + ".title", 0, where + ": title is required and must be text");
            }
            chapters.add(check(where, field, startMillis, title.asText(), chapters, lectureEndMillis));
        }
        return checkCount(chapters);
    }

    private static ProvidedChapter check(
            String where, String field, long startMillis, String title, List<ProvidedChapter> before, long endMillis) {
        String trimmed = title.strip();
        if (trimmed.isEmpty() || trimmed.length() > Chapter.MAX_TITLE_LENGTH) {
            throw new ChapterInputException(
                    field + ".title",
                    0,
                    where + ": a title must be 1-" + Chapter.MAX_TITLE_LENGTH + " characters, was " + trimmed.length());
        }
        if (!before.isEmpty() && startMillis <= before.get(before.size() - 1).startMillis()) {
            throw new ChapterInputException(
                    field + ".start",
                    0,
                    where + ": starts at " + ClockTime.format(startMillis) + ", not after the previous chapter ("
                            + ClockTime.format(before.get(before.size() - 1).startMillis()) + ")");
        }
        if (startMillis >= endMillis) {
            throw new ChapterInputException(
                    field + ".start",
                    0,
                    where + ": starts at " + ClockTime.format(startMillis) + ", at or after the end of the lecture ("
                            + ClockTime.format(endMillis) + ")");
        }
        return new ProvidedChapter(startMillis, trimmed);
    }

    private static List<ProvidedChapter> checkCount(List<ProvidedChapter> chapters) {
        if (chapters.isEmpty()) {
            throw new ChapterInputException("chapters", 0, "at least one chapter is required");
        }
        if (chapters.size() > MAX_CHAPTERS) {
            throw new ChapterInputException("chapters", 0, chapters.size() + " chapters; the limit is " + MAX_CHAPTERS);
        }
        return chapters;
    }
}
