package dev.lectern.view;

/**
 * The members of an {@code application/problem+json} body (RFC 9457) that every edge may read, for example to add
 * a protocol's own error member beside them (the OpenAI-compatible endpoints do).
 */
public interface ProblemDetails {

    String type();

    String title();

    int status();

    String detail();

    /** The parameter or body field at fault, or {@code null}. */
    String field();
}
