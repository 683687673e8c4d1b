package dev.lectern.api;

/**
 * A request the HTTP layer cannot take (a body over its limit), with what to tell the client; turned into an
 * {@code application/problem+json} response by {@link ProblemMappers}. Failures of Lectern itself, whatever the edge,
 * are {@link dev.lectern.LecternFailure}s.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 Problem Details for HTTP APIs</a>
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    private ApiProblem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** 413: the body is over a configured limit. */
    public static ApiProblem tooLarge(String detail) {
        return new ApiProblem(413, "Request body too large", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The request parameter or body field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
