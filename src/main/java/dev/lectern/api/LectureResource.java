package dev.lectern.api;

import dev.lectern.config.LecternConfig;
import dev.lectern.ingest.IngestResult;
import dev.lectern.ingest.IngestService;
import dev.lectern.ingest.LectureUpload;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureId;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.search.TranscriptWindow;
import dev.lectern.search.TranscriptWindows;
import dev.lectern.store.PassageStore;
import dev.lectern.transcript.TranscriptFormat;
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
import java.util.UUID;
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
    private static final int MAX_TITLE_LENGTH = 300;
    private static final int MAX_URL_LENGTH = 2048;

    private final IngestService ingest;
    private final PassageStore store;
    private final TranscriptWindows windows;
    private final LecternConfig config;

    LectureResource(IngestService ingest, PassageStore store, TranscriptWindows windows, LecternConfig config) {
        this.ingest = ingest;
        this.store = store;
        this.windows = windows;
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
        return store.lectures();
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Operation(summary = "Get one lecture")
    public Lecture get(@PathParam("id") String id) {
        return store.lecture(id).orElseThrow(() -> new LectureNotFoundException(id));
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
        long fromMillis = TimeFormat.parseMillis("from", from);
        long toMillis = TimeFormat.parseMillis("to", to);
        try {
            return TranscriptView.of(windows.window(id, fromMillis, toMillis));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("to", e.getMessage());
        }
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
        checkId("id", id);
        String effectiveTitle = title != null && !title.isBlank()
                ? title
                : store.lecture(id).map(Lecture::title).orElse(id);
        LectureUpload upload = new LectureUpload(
                id,
                checkTitle(effectiveTitle),
                checkSourceUrl(sourceUrl),
                format != null ? checkFormat(format) : formatOf(contentType),
                checkSize(transcript));
        IngestResult result = ingest.ingest(upload);
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
            throw ApiProblem.invalid("transcript", "a JSON body with title and transcript is required");
        }
        String id = body.id() == null ? UUID.randomUUID().toString() : checkId("id", body.id());
        if (body.title() == null || body.title().isBlank()) {
            throw ApiProblem.invalid("title", "title is required");
        }
        if (body.transcript() == null || body.transcript().isBlank()) {
            throw ApiProblem.invalid("transcript", "transcript is required and must not be blank");
        }
        if (store.lecture(id).isPresent()) {
            throw ApiProblem.conflict(
                    "a lecture with id '" + id + "' exists; use PUT /api/lectures/" + id + " to replace it");
        }
        LectureUpload upload = new LectureUpload(
                id,
                checkTitle(body.title()),
                checkSourceUrl(body.sourceUrl()),
                body.format() == null ? TranscriptFormat.AUTO : checkFormat(body.format()),
                checkSize(body.transcript().getBytes(StandardCharsets.UTF_8)));
        IngestResult result = ingest.ingest(upload);
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
        if (!store.deleteLecture(id)) {
            throw new LectureNotFoundException(id);
        }
        return Response.noContent().build();
    }

    private static String checkId(String field, String id) {
        if (!LectureId.isValid(id)) {
            throw ApiProblem.invalid(
                    field,
                    field + " '" + id + "' is not a valid lecture id: use 1-" + LectureId.MAX_LENGTH
                            + " characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return id;
    }

    private static String checkTitle(String title) {
        String trimmed = title.strip();
        if (trimmed.length() > MAX_TITLE_LENGTH) {
            throw ApiProblem.invalid(
                    "title", "title is " + trimmed.length() + " characters long; the limit is " + MAX_TITLE_LENGTH);
        }
        return trimmed;
    }

    private static String checkSourceUrl(String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        String trimmed = sourceUrl.strip();
        String problem = null;
        if (trimmed.length() > MAX_URL_LENGTH) {
            problem = "sourceUrl is " + trimmed.length() + " characters long; the limit is " + MAX_URL_LENGTH;
        } else {
            try {
                URI uri = URI.create(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problem = "sourceUrl must be an absolute http or https URL, was '" + trimmed + "'";
                }
            } catch (IllegalArgumentException e) {
                problem = "sourceUrl is not a valid URL: " + e.getMessage();
            }
        }
        if (problem != null) {
            throw ApiProblem.invalid("sourceUrl", problem);
        }
        return trimmed;
    }

    private static TranscriptFormat checkFormat(String format) {
        try {
            return TranscriptFormat.fromId(format);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("format", e.getMessage());
        }
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

    private byte[] checkSize(byte[] transcript) {
        long limit = config.maxTranscriptBytes().asLongValue();
        if (transcript == null || transcript.length == 0) {
            throw ApiProblem.invalid("transcript", "the transcript is empty");
        }
        if (transcript.length > limit) {
            throw ApiProblem.tooLarge("the transcript is " + transcript.length + " bytes; the limit is " + limit
                    + " bytes (lectern.max-transcript-bytes)");
        }
        return transcript;
    }
}
