package dev.lectern.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.lectern.embedding.EmbeddingException;
import dev.lectern.embedding.ModelBusyException;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.StoreUnavailableException;
import dev.lectern.transcript.TranscriptParseException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@code application/problem+json} response, in this one place. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Pattern UNCLOSED =
            Pattern.compile("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)");

    @ServerExceptionMapper
    Response apiProblem(ApiProblem problem) {
        return Problem.of(problem.status(), problem.title(), problem.getMessage())
                .withField(problem.field())
                .toResponse();
    }

    @ServerExceptionMapper
    Response malformedTranscript(TranscriptParseException e) {
        return Problem.of(400, "Malformed transcript", e.getMessage())
                .withField("transcript")
                .withLine(e.line() > 0 ? e.line() : null)
                .toResponse();
    }

    @ServerExceptionMapper
    Response unknownLecture(LectureNotFoundException e) {
        return Problem.of(404, "Lecture not found", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response storeUnavailable(StoreUnavailableException e) {
        LOG.warn(e.getMessage());
        return Response.fromResponse(
                        Problem.of(503, "Store unavailable", e.getMessage() + "; nothing was changed, try again later")
                                .toResponse())
                .header("Retry-After", StoreUnavailableException.RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    Response modelBusy(ModelBusyException e) {
        // Expected under overload, so not logged per request: the 503s themselves are the signal.
        return Response.fromResponse(Problem.of(503, "Model busy", e.getMessage() + "; try again shortly")
                        .toResponse())
                .header("Retry-After", ModelBusyException.RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    Response modelUnavailable(EmbeddingException e) {
        LOG.error("The embedding model failed", e);
        return Problem.of(503, "Embedding model unavailable", e.getMessage()).toResponse();
    }

    // Quarkus has its own mappers for these Jackson subtypes; naming them here makes ours win.
    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    Response malformedJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        JsonLocation location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        // Jackson points at where an unclosed object or array started, in words meant for its own logs.
        String message = UNCLOSED.matcher(e.getOriginalMessage())
                .replaceAll("(the one opened at line $1, column $2 is never closed; the body ended early)");
        return Problem.of(400, "Invalid JSON body", message + where)
                .withField(path == null || path.isEmpty() ? null : path)
                .toResponse();
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e, HttpServerRequest request) {
        // Quarkus REST wraps a body Jackson could not parse in a plain 400; the parser's message has the place.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "there is nothing at this path; see /q/swagger-ui for the API";
            case 405 -> "this path does not accept this method; see /q/swagger-ui for the API";
            case 415 -> unsupportedType(request);
            case 406 -> "cannot answer in the requested media type; Lectern answers application/json";
            default -> e.getMessage();
        };
        return Problem.of(status, title, detail).toResponse();
    }

    /** What the endpoint accepts instead: transcript types for uploads, JSON everywhere else. */
    private static String unsupportedType(HttpServerRequest request) {
        String sent = request.getHeader("Content-Type");
        String was = sent == null ? "no Content-Type" : "Content-Type " + sent;
        if (request.method() == HttpMethod.PUT && request.path().startsWith("/api/lectures/")) {
            return "unsupported content type (" + was + "); transcripts are accepted as text/plain, text/vtt,"
                    + " application/x-subrip or application/json";
        }
        return request.method() + " " + request.path() + " accepts application/json only (" + was
                + "); send a JSON body with Content-Type: application/json";
    }

    /** A body sent without a length that passed {@code lectern.max-transcript-bytes} while it was read. */
    @ServerExceptionMapper
    Response streamedBodyTooLarge(StreamedBodyLimit.BodyTooLargeException e) {
        return Response.fromResponse(Problem.of(413, "Request body too large", e.getMessage())
                        .toResponse())
                .header("Connection", "close")
                .build();
    }

    /**
     * The client closed the connection before the body it announced had arrived: nothing Lectern can fix, so no
     * error in the log. The answer reaches clients that still read after sending (a half-closed connection).
     */
    @ServerExceptionMapper
    Response closedBody(IOException e, HttpServerRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
                LOG.infof(
                        "%s %s: the client closed the connection before the request body was complete",
                        request.method(), request.path());
                return Problem.of(
                                400,
                                "Incomplete request body",
                                "the connection closed after " + request.bytesRead() + " bytes of the request body"
                                        + lengthNote(request) + "; send the whole body")
                        .toResponse();
            }
        }
        return unexpected(e);
    }

    private static String lengthNote(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return length == null ? "" : ", of the " + length + " announced by Content-Length";
    }

    @ServerExceptionMapper(priority = 6000)
    Response unexpected(Exception e) {
        LOG.error("Unexpected error while serving a request", e);
        return Problem.of(500, "Internal error", "Lectern failed to serve this request; the log has the details")
                .toResponse();
    }
}
