package dev.lectern.api;

import dev.lectern.InvalidRequestException;
import dev.lectern.config.LecternConfig;
import dev.lectern.ingest.IngestResult;
import dev.lectern.ingest.LectureService;
import dev.lectern.ingest.LectureUpload;
import dev.lectern.lecture.Lecture;
import dev.lectern.search.TranscriptWindow;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.view.TimeFormat;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/lectures}: add, replace, list and delete lectures. Writes need the API key when one is configured
 * (see {@link AccessFilter}).
 */
@Path("/api/lectures")
@Tag(name = "Lectures")
@Produces(MediaType.APPLICATION_JSON)
public class LectureResource {

    static final String SUBRIP = "application/x-subrip";
    static final String VTT = "text/vtt";

    private final LectureService lectures;
    private final LecternConfig config;

    LectureResource(LectureService lectures, LecternConfig config) {
        this.lectures = lectures;
        this.config = config;
    }

    /** The body of {@code POST /api/lectures}. */
    public record CreateLecture(
            @Schema(description = "Lecture id, 1-128 characters of [A-Za-z0-9._-]; generated when absent")
            String id,

            @Schema(description = "Title shown with results", required = true)
            String title,

            @Schema(description = "URL of the recording, for links to moments")
            String sourceUrl,

            @Schema(description = "auto (default), whisper, vtt, srt or json")
            String format,

            @Schema(description = "The transcript file's content", required = true)
            String transcript) {}

    @GET
    @Blocking
    @Operation(summary = "List the lectures")
    public List<Lecture> list() {
        return lectures.list();
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Operation(summary = "Get one lecture")
    public Lecture get(@PathParam("id") String id) {
        return lectures.get(id);
    }

    /** One segment of a transcript window. */
    public record SegmentView(String start, String end, double startSeconds, double endSeconds, String text) {}

    /** The transcript of a lecture between two times. */
    public record TranscriptView(
            String lectureId,
            String lectureTitle,
            String from,
            String to,
            double fromSeconds,
            double toSeconds,
            List<SegmentView> segments,

            @Schema(description = "The segments' text joined with spaces")
            String text) {

        static TranscriptView of(TranscriptWindow window) {
            List<SegmentView> segments = window.segments().stream()
                    .map(s -> new SegmentView(
                            TimeFormat.clock(s.startMillis()),
                            TimeFormat.clock(s.endMillis()),
                            TimeFormat.seconds(s.startMillis()),
                            TimeFormat.seconds(s.endMillis()),
                            s.text()))
                    .toList();
            return new TranscriptView(
                    window.lecture().id(),
                    window.lecture().title(),
                    TimeFormat.clock(window.fromMillis()),
                    TimeFormat.clock(window.toMillis()),
                    TimeFormat.seconds(window.fromMillis()),
                    TimeFormat.seconds(window.toMillis()),
                    segments,
                    String.join(" ", segments.stream().map(SegmentView::text).toList()));
        }
    }

    @GET
    @Path("/{id}/transcript")
    @Blocking
    @Operation(
            summary = "Read the transcript around a moment",
            description = "The segments spoken between from and to (HH:MM:SS, MM:SS or seconds), with their times:"
                    + " more context around a passage. At most 10 minutes at once.")
    public TranscriptView transcript(
            @PathParam("id") String id,
            @Parameter(description = "Start of the window, e.g. 00:16:00 or 960", required = true) @QueryParam("from")
                    String from,
            @Parameter(description = "End of the window; at most 10 minutes after from", required = true)
                    @QueryParam("to")
                    String to) {
        return TranscriptView.of(lectures.transcript(id, "from", from, "to", to));
    }

    @PUT
    @Path("/{id}")
    @Blocking
    @Consumes({MediaType.TEXT_PLAIN, VTT, SUBRIP, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Add or replace a lecture from a transcript file",
            description = "The body is the raw transcript: Whisper text, WebVTT, SRT or Whisper JSON. The format is"
                    + " detected from the content unless format is given. Answers 201 when the lecture is new and 200"
                    + " when it replaced an earlier version; searches never see a mix of the two.")
    public Response put(
            @PathParam("id") String id,
            @Parameter(description = "Title; default: the current title, or the id") @QueryParam("title") String title,
            @Parameter(description = "URL of the recording") @QueryParam("sourceUrl") String sourceUrl,
            @Parameter(description = "auto (default), whisper, vtt, srt or json") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] transcript) {
        IngestResult result = lectures.put(
                id,
                title,
                sourceUrl,
                format != null ? LectureUpload.format(format) : formatOf(contentType),
                checkSize(transcript));
        return Response.status(result.created() ? 201 : 200)
                .entity(result.lecture())
                .build();
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a lecture",
            description = "Answers 201 with the lecture. An id is generated when absent; an id that exists answers"
                    + " 409 (use PUT to replace a lecture).")
    public Response create(CreateLecture body) {
        if (body == null) {
            throw new InvalidRequestException("transcript", "a JSON body with title and transcript is required");
        }
        IngestResult result = lectures.create(
                body.id(),
                body.title(),
                body.sourceUrl(),
                body.format() == null ? TranscriptFormat.AUTO : LectureUpload.format(body.format()),
                checkSize(body.transcript() == null ? null : body.transcript().getBytes(StandardCharsets.UTF_8)));
        String id = result.lecture().id();
        return Response.status(201)
                .location(URI.create("/api/lectures/" + id))
                .entity(result.lecture())
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Operation(summary = "Delete a lecture and its passages")
    public Response delete(@PathParam("id") String id) {
        lectures.delete(id);
        return Response.noContent().build();
    }

    /** The content type says the format for VTT, SRT and JSON bodies; plain text may be any of them. */
    private static TranscriptFormat formatOf(String contentType) {
        if (contentType == null) {
            return TranscriptFormat.AUTO;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith(VTT)) {
            return TranscriptFormat.VTT;
        }
        if (type.startsWith(SUBRIP)) {
            return TranscriptFormat.SRT;
        }
        if (type.startsWith(MediaType.APPLICATION_JSON)) {
            return TranscriptFormat.JSON;
        }
        return TranscriptFormat.AUTO;
    }

    /** The body limit, also for bodies that did not announce their length (the upload's own rules follow). */
    private byte[] checkSize(byte[] transcript) {
        long limit = config.maxTranscriptBytes().asLongValue();
        if (transcript != null && transcript.length > limit) {
            throw ApiProblem.tooLarge("the transcript is " + transcript.length + " bytes; the limit is " + limit
                    + " bytes (lectern.max-transcript-bytes)");
        }
        return transcript;
    }
}
