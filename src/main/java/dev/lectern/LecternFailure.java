package dev.lectern;

/**
 * The one base type of the failures Lectern reports to its users: every exception that implements it is a kind of
 * failure with its own answer, decided once per edge. {@code api.ProblemMappers} turns each kind into
 * {@code application/problem+json} with its status (and the answer stream into an {@code error} event with the
 * same problem); the MCP tools turn every kind into a tool error ({@code isError: true}) a model can read. The
 * message is written for the user: what went wrong and what to do.
 *
 * <table>
 *   <caption>The kinds and their HTTP statuses</caption>
 *   <tr><th>Kind</th><th>Status</th></tr>
 *   <tr><td>{@link InvalidRequestException}, a malformed transcript or chapter list, generation asked for
 *       while no model is configured</td><td>400</td></tr>
 *   <tr><td>an unknown lecture</td><td>404</td></tr>
 *   <tr><td>a lecture that exists (create only), a recipe conflict</td><td>409</td></tr>
 *   <tr><td>a store that refuses a write, a model that failed to write an answer</td><td>502</td></tr>
 *   <tr><td>a store that cannot be reached (with {@code Retry-After}), a model that is busy (with
 *       {@code Retry-After}) or cannot run</td><td>503</td></tr>
 * </table>
 *
 * <p>An interface rather than a common superclass because the store port promises {@link IllegalStateException}
 * for a write it refuses (its contract test holds every adapter to that), so those two kinds extend it.
 */
public interface LecternFailure {

    /** What went wrong and what to do, for the user. */
    String getMessage();
}
