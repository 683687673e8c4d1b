package dev.lectern.ingest;

import dev.lectern.transcript.TranscriptFormat;

/**
 * A transcript to index as a lecture.
 *
 * @param id lecture id; an existing lecture with this id is replaced
 * @param title shown with every result
 * @param sourceUrl the recording, for deep links; may be {@code null}
 * @param format the transcript's format, or {@link TranscriptFormat#AUTO} to detect it
 * @param transcript the raw file, UTF-8
 */
public record LectureUpload(String id, String title, String sourceUrl, TranscriptFormat format, byte[] transcript) {}
