package dev.lectern.api;

import dev.lectern.InvalidRequestException;
import dev.lectern.chapter.Chapter;
import dev.lectern.chapter.Outline;
import dev.lectern.chapter.ProvidedChapter;
import dev.lectern.chapter.ProvidedChapters;
import dev.lectern.ingest.LectureService;
import dev.lectern.ingest.OutlineService;
import dev.lectern.lecture.Lecture;
import dev.lectern.search.DeepLinks;
import dev.lectern.view.TimeFormat;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/lectures/{id}/chapters}: a lecture's outline, computed at ingest or provided by a person. Writes
 * follow the write-access rule of every lecture write (see {@link AccessFilter}).
 */
@Path("/api/lectures/{id}/chapters")
@Tag(name = "Lectures")
@Produces(MediaType.APPLICATION_JSON)
public class ChapterResource {

    private final OutlineService outlines;
    private final LectureService lectures;

    ChapterResource(OutlineService outlines, LectureService lectures) {
        this.outlines = outlines;
        this.lectures = lectures;
    }

    /** A lecture's outline. */
    @Schema(name = "Outline", description = "A lecture's chapters, contiguous, covering the whole lecture.")
    public record OutlineView(
            String lectureId,

            @Schema(
                    description = "computed (at ingest, from the transcript) or provided (by a person, through"
                            + " PUT; kept until the lecture is re-ingested with new text)",
                    enumeration = {"computed", "provided"})
            String source,

            List<ChapterView> chapters) {

        static OutlineView of(Lecture lecture, Outline outline) {
            return new OutlineView(
                    lecture.id(),
                    outline.source().id(),
                    outline.chapters().stream()
                            .map(chapter -> ChapterView.of(lecture, chapter))
                            .toList());
        }
    }

    /** One chapter. */
    @Schema(name = "Chapter", description = "One section of a lecture.")
    public record ChapterView(
            @Schema(description = "Position in the outline, from 0")
            int index,

            @Schema(description = "A heading for the section; computed titles are at most 60 characters")
            String title,

            @Schema(description = "Start, HH:MM:SS.mmm", example = "00:16:26.480")
            String start,

            @Schema(description = "End, HH:MM:SS.mmm: the next chapter's start, or the end of the lecture")
            String end,

            @Schema(description = "Start in seconds") double startSeconds,
            @Schema(description = "End in seconds") double endSeconds,

            @Schema(description = "The section's most distinctive terms, most distinctive first")
            List<String> keywords,

            @Schema(
                    description = "Link to the chapter's start in the recording, or null without a source URL",
                    nullable = true)
            String link) {

        static ChapterView of(Lecture lecture, Chapter chapter) {
            return new ChapterView(
                    chapter.index(),
                    chapter.title(),
                    TimeFormat.clock(chapter.startMillis()),
                    TimeFormat.clock(chapter.endMillis()),
                    TimeFormat.seconds(chapter.startMillis()),
                    TimeFormat.seconds(chapter.endMillis()),
                    chapter.keywords(),
                    DeepLinks.at(lecture.sourceUrl(), chapter.startMillis() / 1000.0));
        }
    }

    @GET
    @Blocking
    @Operation(
            summary = "Get a lecture's chapters",
            description = "The lecture's outline: chapters with titles, times, keywords and links. Computed at ingest"
                    + " unless a person provided them (source).")
    public OutlineView get(@PathParam("id") String id) {
        Lecture lecture = lectures.get(id);
        return OutlineView.of(lecture, outlines.outline(id));
    }

    @PUT
    @Blocking
    @Consumes({LectureResource.VTT, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Provide a lecture's chapters",
            description = "Replaces the computed chapters with yours: a WebVTT chapters track (text/vtt; each cue's"
                    + " text is a title) or JSON [{\"start\": \"00:12:30\", \"title\": \"...\"}] (start as HH:MM:SS,"
                    + " MM:SS or seconds). Starts must increase and lie within the lecture; the first chapter covers"
                    + " the lecture from its start. They stay until the lecture is uploaded again with different text."
                    + " Keywords are computed from each chapter's text.")
    public OutlineView put(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Lecture lecture = lectures.get(id);
        if (body == null || body.length == 0) {
            throw new InvalidRequestException(
                    "chapters", "the body is empty: send a WebVTT chapters track or a JSON array");
        }
        long end = Math.round(lecture.durationSeconds() * 1000);
        boolean vtt =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(LectureResource.VTT);
        List<ProvidedChapter> chapters =
                vtt ? ProvidedChapters.fromVtt(body, end) : ProvidedChapters.fromJson(body, end);
        return OutlineView.of(lecture, outlines.provide(id, chapters));
    }
}
