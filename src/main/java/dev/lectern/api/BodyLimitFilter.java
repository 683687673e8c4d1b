package dev.lectern.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.config.LecternConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies declared larger than {@code lectern.max-transcript-bytes} before they are read, with a
 * problem+json 413 that names the limit. Runs ahead of the HTTP layer's own size check
 * ({@code quarkus.http.limits.max-body-size}), which remains the backstop for bodies sent without a length.
 */
@ApplicationScoped
class BodyLimitFilter {

    private final long limit;
    private final ObjectMapper json;

    BodyLimitFilter(LecternConfig config, ObjectMapper json) {
        this.limit = config.maxTranscriptBytes().asLongValue();
        this.json = json;
    }

    /** Installed ahead of every other route, so the check runs before any body is read. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limitBodySize);
    }

    private void limitBodySize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            context.next();
            return;
        }
        Problem problem = Problem.of(
                413,
                "Request body too large",
                "the request body is " + length + " bytes; the limit is " + limit
                        + " bytes (lectern.max-transcript-bytes)");
        try {
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
