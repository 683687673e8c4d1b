package dev.lectern.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.config.LecternConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Problem+json for the errors raised in the HTTP layer, below the REST resources: requests over the URI and header
 * limits (414, 431), and every failure of a Vert.x route (a body over {@code quarkus.http.limits.max-body-size}
 * sent without a length, and the MCP endpoint's HTTP errors: wrong {@code Accept}, unknown session, ...), which
 * Quarkus would otherwise answer with an empty body.
 *
 * <p>The HTTP codec refuses a request line or headers over {@code quarkus.http.limits.max-initial-line-length} or
 * {@code max-header-size} before any route exists, and Quarkus offers no hook there (Vert.x's
 * {@code HttpServer.invalidRequestHandler} is set by Quarkus itself; quarkusio/quarkus#55082). So Lectern checks
 * its own, lower limits ({@link HttpLimitsConfig}) here, first of all routes, and keeps the codec's as a backstop.
 */
@ApplicationScoped
class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    private final HttpLimitsConfig limits;
    private final LecternConfig config;
    private final ObjectMapper json;
    private final String maxBodySize;

    HttpLayerProblems(
            HttpLimitsConfig limits,
            LecternConfig config,
            ObjectMapper json,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size")
                    String maxBodySize) {
        this.limits = limits;
        this.config = config;
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    /** Installed ahead of every other route. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkLineAndHeaders);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::routeFailure);
    }

    private void checkLineAndHeaders(RoutingContext context) {
        HttpServerRequest request = context.request();
        int uriLength = request.uri().length();
        if (uriLength > limits.maxUriLength()) {
            send(
                    context,
                    Problem.of(
                            414,
                            "URI too long",
                            "the request URI is " + uriLength + " characters long; the limit is "
                                    + limits.maxUriLength()
                                    + " (lectern.http.max-uri-length). Send long questions in a JSON body to"
                                    + " POST /api/ask or POST /api/context"),
                    true);
            return;
        }
        long headerBytes = 0;
        String largest = null;
        long largestBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            long bytes = header.getKey().length() + header.getValue().length() + 4L; // "name: value\r\n"
            headerBytes += bytes;
            if (bytes > largestBytes) {
                largestBytes = bytes;
                largest = header.getKey();
            }
        }
        long headerLimit = limits.maxHeaderSize().asLongValue();
        if (headerBytes > headerLimit) {
            send(
                    context,
                    Problem.of(
                            431,
                            "Request header fields too large",
                            "the request headers are " + headerBytes + " bytes; the limit is " + headerLimit
                                    + " bytes (lectern.http.max-header-size); the largest is " + largest + " ("
                                    + largestBytes + " bytes)"),
                    true);
            return;
        }
        context.next();
    }

    private void routeFailure(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.ended()) {
            context.next();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (status >= 500 && context.failure() != null) {
            LOG.error("Unexpected error while serving " + context.request().path(), context.failure());
        }
        send(context, describe(context, status), status == 413);
    }

    private Problem describe(RoutingContext context, int status) {
        HttpServerRequest request = context.request();
        boolean mcp = request.path().startsWith("/mcp");
        String title =
                io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        String detail = switch (status) {
            case 413 ->
                "the request body is over " + maxBodySize
                        + " (quarkus.http.limits.max-body-size); transcripts may be at most "
                        + config.maxTranscriptBytes().asLongValue() + " bytes (lectern.max-transcript-bytes)";
            case 400 ->
                mcp && !acceptsMcpResponses(request)
                        ? "an MCP client must send Accept: application/json, text/event-stream (Streamable"
                                + " HTTP), was " + request.getHeader(HttpHeaders.ACCEPT)
                        : mcp && request.getHeader("MCP-Protocol-Version") != null
                                ? "MCP-Protocol-Version " + request.getHeader("MCP-Protocol-Version")
                                        + " is not one Lectern speaks; use the version initialize returned"
                                : "the request is malformed" + failureMessage(context);
            case 404 ->
                mcp
                        ? "no MCP session " + request.getHeader("Mcp-Session-Id")
                                + " (it was closed, or Lectern restarted); send initialize again without an"
                                + " Mcp-Session-Id header"
                        : "there is nothing at this path; see /q/swagger-ui for the API";
            case 405 ->
                mcp
                        ? request.method() + " /mcp needs the Mcp-Session-Id header of a session started with"
                                + " initialize (POST /mcp)"
                        : "this path does not accept " + request.method() + "; see /q/swagger-ui for the API";
            default ->
                status >= 500
                        ? "Lectern failed to serve this request; the log has the details"
                        : title + failureMessage(context);
        };
        return Problem.of(status, title, detail);
    }

    private static boolean acceptsMcpResponses(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    private static String failureMessage(RoutingContext context) {
        Throwable failure = context.failure();
        return failure == null || failure.getMessage() == null ? "" : ": " + failure.getMessage();
    }

    /** Sends {@code problem} as the response; {@code close} for requests whose rest Lectern will not read. */
    static void send(RoutingContext context, Problem problem, ObjectMapper json, boolean close) {
        HttpServerResponse response = context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        try {
            response.end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private void send(RoutingContext context, Problem problem, boolean close) {
        send(context, problem, json, close);
    }
}
