package dev.lectern.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.view.ProblemDetails;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error response ({@code application/problem+json}, RFC 9457), with two extension members:
 * {@code field} (the parameter or body field at fault) and {@code line} (the transcript line at fault).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, Integer line)
        implements ProblemDetails {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withField(String field) {
        return new Problem(type, title, status, detail, field, line);
    }

    public Problem withLine(Integer line) {
        return new Problem(type, title, status, detail, field, line);
    }

    /** This problem as a response. */
    public Response toResponse() {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(this)
                .build();
    }
}
