package dev.lectern.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.lectern.InvalidRequestException;
import dev.lectern.LecternFailure;
import dev.lectern.chapter.ChapterInputException;
import dev.lectern.embedding.EmbeddingException;
import dev.lectern.embedding.ModelBusyException;
import dev.lectern.generate.GenerationFailedException;
import dev.lectern.generate.GenerationUnavailableException;
import dev.lectern.lecture.LectureExistsException;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.RecipeMismatchException;
import dev.lectern.store.StoreRefusedException;
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

/**
 * Turns every failure into an {@code application/problem+json} response, in this one place: Lectern's own
 * ({@link LecternFailure}, one kind per exception type), Quarkus REST's (unreadable JSON, unknown paths, media types)
 * and the rest (500, logged).
 */
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

    // Lectern's own failures: one registration per kind, each answered by answer(LecternFailure) below.

    @ServerExceptionMapper
    Response invalidRequest(InvalidRequestException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response malformedTranscript(TranscriptParseException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response invalidChapters(ChapterInputException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response unknownLecture(LectureNotFoundException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response lectureExists(LectureExistsException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response recipeConflict(RecipeMismatchException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response storeRefused(StoreRefusedException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response storeUnavailable(StoreUnavailableException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response modelBusy(ModelBusyException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response modelUnavailable(EmbeddingException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response generationUnavailable(GenerationUnavailableException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    Response generationFailed(GenerationFailedException e) {
        return answer(e);
    }

    /** The response to one of Lectern's failures: its problem, with {@code Retry-After} where a retry helps. */
    static Response answer(LecternFailure failure) {
        Problem problem = problem(failure);
        Response response = problem.toResponse();
        int retryAfter = failure instanceof StoreUnavailableException
                ? StoreUnavailableException.RETRY_AFTER_SECONDS
                : failure instanceof ModelBusyException ? ModelBusyException.RETRY_AFTER_SECONDS : 0;
        return retryAfter == 0
                ? response
                : Response.fromResponse(response)
                        .header("Retry-After", retryAfter)
                        .build();
    }

    /**
     * The problem for each kind of failure, in this one place: the REST responses above and the {@code error}
     * event of the answer stream ({@link AnswerStream}) both come from here.
     */
    static Problem problem(LecternFailure failure) {
        String message = failure.getMessage();
        if (failure instanceof InvalidRequestException e) {
            return Problem.of(400, "Invalid request", message).withField(e.field());
        }
        if (failure instanceof TranscriptParseException e) {
            return Problem.of(400, "Malformed transcript", message)
                    .withField("transcript")
                    .withLine(e.line() > 0 ? e.line() : null);
        }
        if (failure instanceof ChapterInputException e) {
            return Problem.of(400, "Invalid chapters", message)
                    .withField(e.field())
                    .withLine(e.line() > 0 ? e.line() : null);
        }
        if (failure instanceof GenerationUnavailableException) {
            return Problem.of(400, "Invalid request", message).withField("generate");
        }
        if (failure instanceof LectureNotFoundException) {
            return Problem.of(404, "Lecture not found", message);
        }
        if (failure instanceof LectureExistsException) {
            return Problem.of(409, "Conflict", message);
        }
        if (failure instanceof RecipeMismatchException) {
            LOG.warn(message);
            return Problem.of(409, "Embedding recipe conflict", message);
        }
        if (failure instanceof StoreRefusedException e) {
            LOG.error("The store refused a call", e);
            return Problem.of(502, "Store refused the request", message + "; nothing was changed");
        }
        if (failure instanceof GenerationFailedException e) {
            LOG.warn(message, e.getCause());
            return Problem.of(502, "Model failed", message);
        }
        if (failure instanceof StoreUnavailableException) {
            LOG.warn(message);
            return Problem.of(503, "Store unavailable", message + "; nothing was changed, try again later");
        }
        if (failure instanceof ModelBusyException) {
            // Expected under overload, so not logged per request: the 503s themselves are the signal.
            return Problem.of(503, "Model busy", message + "; try again shortly");
        }
        if (failure instanceof EmbeddingException e) {
            LOG.error("The embedding model failed", e);
            return Problem.of(503, "Embedding model unavailable", message);
        }
        LOG.error("A failure without its own problem: " + failure.getClass().getName() + ": " + message);
        return Problem.of(500, "Internal error", "Lectern failed to serve this request; the log has the details");
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
