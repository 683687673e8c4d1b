package dev.lectern.api;

import dev.lectern.lecture.LectureId;
import dev.lectern.search.SearchConfig;
import dev.lectern.search.SearchRequest;
import dev.lectern.store.SearchMode;
import jakarta.enterprise.context.ApplicationScoped;

/** Validation of search parameters shared by the endpoints that search; messages name field and range. */
@ApplicationScoped
class RequestChecks {

    private final SearchConfig config;

    RequestChecks(SearchConfig config) {
        this.config = config;
    }

    /** Names of the request fields, as the client sent them, for error messages. */
    record FieldNames(String query, String k, String lecture, String mode) {
        static final FieldNames SEARCH = new FieldNames("q", "k", "lecture", "mode");
        static final FieldNames ASK = new FieldNames("question", "k", "lectureId", "mode");
    }

    SearchRequest searchRequest(FieldNames fields, String query, String k, String lectureId, String mode) {
        return searchRequest(fields, query, parseK(fields.k(), k), lectureId, mode);
    }

    SearchRequest searchRequest(FieldNames fields, String query, Integer k, String lectureId, String mode) {
        String queryField = fields.query();
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            throw ApiProblem.invalid(queryField, queryField + " is required and must not be blank");
        }
        if (trimmed.length() > config.maxQueryLength()) {
            throw ApiProblem.invalid(
                    queryField,
                    queryField + " is " + trimmed.length()
                            + " characters long; the limit is " + config.maxQueryLength()
                            + " (lectern.search.max-query-length)");
        }
        return new SearchRequest(
                trimmed, k(fields.k(), k), lecture(fields.lecture(), lectureId), mode(fields.mode(), mode));
    }

    private Integer parseK(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(
                    field, field + " must be a whole number from 1 to " + config.maxK() + ", was '" + value + "'");
        }
    }

    private int k(String field, Integer k) {
        if (k == null) {
            return config.defaultK();
        }
        if (k < 1 || k > config.maxK()) {
            throw ApiProblem.invalid(field, field + " must be from 1 to " + config.maxK() + ", was " + k);
        }
        return k;
    }

    private SearchMode mode(String field, String mode) {
        if (mode == null || mode.isBlank()) {
            return config.defaultMode();
        }
        try {
            return SearchMode.fromId(mode);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, e.getMessage());
        }
    }

    static String lecture(String field, String lectureId) {
        if (lectureId == null || lectureId.isBlank()) {
            return null;
        }
        if (!LectureId.isValid(lectureId)) {
            throw ApiProblem.invalid(
                    field,
                    field + " '" + lectureId + "' is not a valid lecture id: use 1-" + LectureId.MAX_LENGTH
                            + " characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return lectureId;
    }
}
