package dev.lectern.search;

import dev.lectern.InvalidRequestException;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The transcript around a moment, for readers (and chatbots) who want more context than one passage: the web
 * page's "more context" and the MCP {@code get_transcript} tool.
 */
@ApplicationScoped
public class TranscriptWindows {

    /** The longest window served at once, in milliseconds: ten minutes. */
    public static final long MAX_WINDOW_MILLIS = 10 * 60 * 1000;

    private final PassageStore store;

    TranscriptWindows(PassageStore store) {
        this.store = store;
    }

    /**
     * The segments of a lecture that overlap {@code [fromMillis, toMillis)}; blocking.
     *
     * @throws LectureNotFoundException when the lecture is not stored
     * @throws InvalidRequestException naming {@code to} when the window is empty, negative or longer than ten
     *     minutes
     */
    public TranscriptWindow window(String lectureId, long fromMillis, long toMillis) {
        if (fromMillis < 0 || toMillis <= fromMillis) {
            throw new InvalidRequestException(
                    "to",
                    "the window must start at 0 or later and end after it starts, was " + fromMillis / 1000.0 + "-"
                            + toMillis / 1000.0 + " s");
        }
        if (toMillis - fromMillis > MAX_WINDOW_MILLIS) {
            throw new InvalidRequestException(
                    "to",
                    "the window is " + (toMillis - fromMillis) / 1000.0 + " s long; at most " + MAX_WINDOW_MILLIS / 1000
                            + " s (10 minutes) are served at once");
        }
        LectureSource source = store.transcript(lectureId).orElseThrow(() -> new LectureNotFoundException(lectureId));
        List<Segment> segments = source.segments().stream()
                .filter(s -> s.startMillis() < toMillis && s.endMillis() > fromMillis
                        || s.startMillis() == s.endMillis()
                                && s.startMillis() >= fromMillis
                                && s.startMillis() < toMillis)
                .toList();
        return new TranscriptWindow(source.lecture(), fromMillis, toMillis, segments);
    }
}
