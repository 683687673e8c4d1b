package dev.lectern.ingest;

import dev.lectern.InvalidRequestException;
import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureExistsException;
import dev.lectern.lecture.LectureId;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.search.TranscriptWindow;
import dev.lectern.search.TranscriptWindows;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.ClockTime;
import dev.lectern.transcript.TranscriptFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lectures as every edge (REST, MCP, the OpenAI-compatible endpoints) sees them: list, read, read the transcript
 * around a moment, add, replace, delete. Edges call this service, never the store. All methods block.
 */
@ApplicationScoped
public class LectureService {

    private final IngestService ingest;
    private final PassageStore store;
    private final TranscriptWindows windows;

    LectureService(IngestService ingest, PassageStore store, TranscriptWindows windows) {
        this.ingest = ingest;
        this.store = store;
        this.windows = windows;
    }

    /** All lectures, ordered by id. */
    public List<Lecture> list() {
        return store.lectures();
    }

    /**
     * One lecture.
     *
     * @throws LectureNotFoundException when no lecture has this id
     */
    public Lecture get(String lectureId) {
        return store.lecture(lectureId).orElseThrow(() -> new LectureNotFoundException(lectureId));
    }

    /** The chapters stored with a lecture; empty when it is not stored or was stored without chapters. */
    public Optional<Outline> storedOutline(String lectureId) {
        return store.outline(lectureId);
    }

    /**
     * What was said in a lecture between two times given as text ({@code HH:MM:SS}, {@code MM:SS} or seconds).
     *
     * @param fromField the name of the parameter holding {@code from}, for messages; likewise {@code toField}
     * @throws InvalidRequestException for a text that is not a time, or a window that is empty, negative or over
     *     ten minutes
     * @throws LectureNotFoundException when no lecture has this id
     */
    public TranscriptWindow transcript(String lectureId, String fromField, String from, String toField, String to) {
        long fromMillis = time(fromField, from);
        long toMillis = time(toField, to);
        return windows.window(lectureId, fromMillis, toMillis);
    }

    /**
     * Adds or replaces a lecture; whether it was new is decided in the same step as the write.
     *
     * @param title the title, or {@code null} to keep the current one (a new lecture is titled with its id)
     */
    public IngestResult put(String id, String title, String sourceUrl, TranscriptFormat format, byte[] transcript) {
        LectureId.check("id", id);
        String effectiveTitle = title != null && !title.isBlank()
                ? title
                : store.lecture(id).map(Lecture::title).orElse(id);
        return ingest.ingest(
                new LectureUpload(id, effectiveTitle, sourceUrl, format, transcript),
                IngestService.Write.CREATE_OR_REPLACE);
    }

    /**
     * Adds a lecture under a new id; of two creates of one id, exactly one succeeds.
     *
     * @param id the id, or {@code null} for a generated UUID
     * @throws LectureExistsException when the id is taken; nothing is changed
     */
    public IngestResult create(String id, String title, String sourceUrl, TranscriptFormat format, byte[] transcript) {
        return ingest.ingest(
                new LectureUpload(id == null ? UUID.randomUUID().toString() : id, title, sourceUrl, format, transcript),
                IngestService.Write.CREATE_ONLY);
    }

    /**
     * Deletes a lecture and its passages.
     *
     * @throws LectureNotFoundException when no lecture has this id
     */
    public void delete(String lectureId) {
        if (!store.deleteLecture(lectureId)) {
            throw new LectureNotFoundException(lectureId);
        }
    }

    private static long time(String field, String text) {
        try {
            return ClockTime.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, field + ": " + e.getMessage());
        }
    }
}
