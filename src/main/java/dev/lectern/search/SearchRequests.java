package dev.lectern.search;

import dev.lectern.InvalidRequestException;
import dev.lectern.lecture.LectureId;
import dev.lectern.store.SearchMode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The rules of a question and its options, in one place for every edge that searches (REST search, ask and context,
 * the MCP tool, the OpenAI-compatible search): each rule has one message, naming the field as the client spelled
 * it, the value and what is allowed. Failures are {@link InvalidRequestException}s.
 */
@ApplicationScoped
public class SearchRequests {

    /** Names of the request fields as each edge's clients send them, for messages. */
    public record Fields(String query, String k, String lecture, String mode) {
        /** {@code GET /api/search}. */
        public static final Fields SEARCH = new Fields("q", "k", "lecture", "mode");
        /** {@code POST /api/ask}, {@code GET /api/ask/stream}, {@code POST /api/context}. */
        public static final Fields ASK = new Fields("question", "k", "lectureId", "mode");
        /** The MCP {@code search_lecture} tool. */
        public static final Fields TOOL = new Fields("query", "k", "lectureId", "mode");
    }

    private final SearchConfig config;

    SearchRequests(SearchConfig config) {
        this.config = config;
    }

    /** A request from text parameters ({@code k} as sent in a query string), k up to {@code lectern.search.max-k}. */
    public SearchRequest of(Fields fields, String query, String k, String lectureId, String mode) {
        return of(fields, query, parseK(fields.k(), k, config.maxK()), config.maxK(), lectureId, mode);
    }

    /** A request from a JSON body, k up to {@code lectern.search.max-k}. */
    public SearchRequest of(Fields fields, String query, Integer k, String lectureId, String mode) {
        return of(fields, query, k, config.maxK(), lectureId, mode);
    }

    /** A request whose k is limited to {@code maxK} (an edge may allow fewer results than the API). */
    public SearchRequest of(Fields fields, String query, Integer k, int maxK, String lectureId, String mode) {
        return new SearchRequest(
                query(fields.query(), query),
                k(fields.k(), k, maxK),
                lecture(fields.lecture(), lectureId),
                mode(fields.mode(), mode));
    }

    /**
     * The question, trimmed: given, and at most {@code lectern.search.max-query-length} characters.
     *
     * @throws InvalidRequestException naming {@code field} otherwise
     */
    public String query(String field, String query) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidRequestException(field, field + " must be given and must not be blank");
        }
        if (trimmed.length() > config.maxQueryLength()) {
            throw new InvalidRequestException(
                    field,
                    field + " is " + trimmed.length() + " characters long; the limit is " + config.maxQueryLength()
                            + " (lectern.search.max-query-length)");
        }
        return trimmed;
    }

    /** An optional lecture id: {@code null} when absent or blank, else it must be a valid id. */
    public static String lecture(String field, String lectureId) {
        return lectureId == null || lectureId.isBlank() ? null : LectureId.check(field, lectureId.strip());
    }

    private static Integer parseK(String field, String value, int maxK) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw kOutOfRange(field, "'" + value + "'", maxK);
        }
    }

    private int k(String field, Integer k, int maxK) {
        if (k == null) {
            return Math.min(config.defaultK(), maxK);
        }
        if (k < 1 || k > maxK) {
            throw kOutOfRange(field, k.toString(), maxK);
        }
        return k;
    }

    private static InvalidRequestException kOutOfRange(String field, String value, int maxK) {
        return new InvalidRequestException(field, field + " must be from 1 to " + maxK + ", was " + value);
    }

    private SearchMode mode(String field, String mode) {
        if (mode == null || mode.isBlank()) {
            return config.defaultMode();
        }
        try {
            return SearchMode.fromId(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }
}
