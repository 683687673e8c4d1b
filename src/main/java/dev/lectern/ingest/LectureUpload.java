package dev.lectern.ingest;

import dev.lectern.InvalidRequestException;
import dev.lectern.lecture.LectureId;
import dev.lectern.transcript.TranscriptFormat;
import java.net.URI;
import java.util.Locale;

/**
 * A transcript to index as a lecture, checked by the upload rules in one place (every way in: PUT, POST, the seed
 * files). Each rule has one message naming the field; a failure is an {@link InvalidRequestException}.
 *
 * @param id lecture id, see {@link LectureId}; an existing lecture with this id is replaced
 * @param title shown with every result: not blank, at most {@value #MAX_TITLE_LENGTH} characters (trimmed)
 * @param sourceUrl the recording, for deep links: an absolute http or https URL of at most {@value #MAX_URL_LENGTH}
 *     characters (trimmed), or {@code null} (also for a blank one)
 * @param format the transcript's format, or {@link TranscriptFormat#AUTO} to detect it
 * @param transcript the raw file, UTF-8, not empty
 */
public record LectureUpload(String id, String title, String sourceUrl, TranscriptFormat format, byte[] transcript) {

    public static final int MAX_TITLE_LENGTH = 300;
    public static final int MAX_URL_LENGTH = 2048;

    public LectureUpload {
        LectureId.check("id", id);
        title = checkTitle(title);
        sourceUrl = checkSourceUrl(sourceUrl);
        if (format == null) {
            format = TranscriptFormat.AUTO;
        }
        if (transcript == null || transcript.length == 0) {
            throw new InvalidRequestException("transcript", "the transcript is empty");
        }
    }

    /**
     * The format a client named ({@code auto}, {@code whisper}, {@code vtt}, {@code srt}, {@code json}).
     *
     * @throws InvalidRequestException naming {@code format} for another name
     */
    public static TranscriptFormat format(String name) {
        try {
            return TranscriptFormat.fromId(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("format", e.getMessage());
        }
    }

    private static String checkTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidRequestException("title", "title is required");
        }
        String trimmed = title.strip();
        if (trimmed.length() > MAX_TITLE_LENGTH) {
            throw new InvalidRequestException(
                    "title", "title is " + trimmed.length() + " characters long; the limit is " + MAX_TITLE_LENGTH);
        }
        return trimmed;
    }

    private static String checkSourceUrl(String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        String trimmed = sourceUrl.strip();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw new InvalidRequestException(
                    "sourceUrl",
                    "sourceUrl is " + trimmed.length() + " characters long; the limit is " + MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("sourceUrl", "sourceUrl is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidRequestException(
                    "sourceUrl", "sourceUrl must be an absolute http or https URL, was '" + trimmed + "'");
        }
        return trimmed;
    }
}
