package dev.lectern.view;

import dev.lectern.search.SearchHit;
import jakarta.annotation.Nullable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A passage as the API returns it. */
@Schema(name = "Passage", description = "A moment of a lecture that matches the question.")
public record PassageView(
        @Schema(description = "Id of the lecture the passage belongs to")
        String lectureId,

        @Schema(description = "Title of that lecture") String lectureTitle,

        @Schema(description = "Stable within one version of the lecture: <lectureId>:<ordinal>")
        String passageId,

        @Schema(description = "Start of the passage, HH:MM:SS.mmm", example = "00:16:26.480")
        String start,

        @Schema(description = "End of the passage, HH:MM:SS.mmm", example = "00:17:10.120")
        String end,

        @Schema(description = "Start in seconds") double startSeconds,
        @Schema(description = "End in seconds") double endSeconds,
        @Schema(description = "What was said") String text,

        @Schema(
                description = "Relevance, 0-1, higher is better: the fused rank score in hybrid mode, cosine similarity"
                        + " in vector mode, scaled BM25 in keyword mode")
        double score,

        @Schema(description = "The sentence of the passage that best matches the question")
        String highlight,

        @Schema(description = "Link to this moment of the recording, or null without a source URL", nullable = true)
        @Nullable
        String link,

        @Schema(description = "The chapter of the lecture the passage starts in (see GET /api/lectures/{id}/chapters)")
        ChapterRef chapter) {

    /** Which chapter of its lecture a passage belongs to. */
    @Schema(name = "PassageChapter", description = "The chapter of the lecture a passage starts in.")
    public record ChapterRef(
            @Schema(description = "Position of the chapter in the lecture's outline, from 0")
            int index,

            @Schema(description = "The chapter's title") String title,

            @Schema(description = "Where the chapter starts, in seconds")
            double startSeconds) {}

    /** The view of a search hit. */
    public static PassageView of(SearchHit hit) {
        long start = hit.passage().startMillis();
        long end = hit.passage().endMillis();
        return new PassageView(
                hit.lecture().id(),
                hit.lecture().title(),
                hit.lecture().id() + ":" + hit.passage().ordinal(),
                TimeFormat.clock(start),
                TimeFormat.clock(end),
                TimeFormat.seconds(start),
                TimeFormat.seconds(end),
                hit.passage().text(),
                Math.round(hit.score() * 10_000) / 10_000.0,
                hit.highlight().text(),
                hit.link(),
                new ChapterRef(
                        hit.chapter().index(),
                        hit.chapter().title(),
                        TimeFormat.seconds(hit.chapter().startMillis())));
    }
}
