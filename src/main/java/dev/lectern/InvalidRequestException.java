package dev.lectern;

/**
 * A parameter or body field breaks its rule. The message names the field, the value and what is allowed; every
 * edge reports it as is (HTTP 400 with {@code field}, a tool error for MCP).
 */
public final class InvalidRequestException extends RuntimeException implements LecternFailure {

    private final String field;

    /**
     * @param field the parameter or body field at fault, as the client spelled it
     * @param message what is wrong and what is allowed
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The parameter or body field at fault. */
    public String field() {
        return field;
    }
}
