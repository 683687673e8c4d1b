package dev.lectern.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.InvalidRequestException;
import dev.lectern.ingest.LectureService;
import dev.lectern.lecture.Lecture;
import dev.lectern.search.SearchConfig;
import dev.lectern.search.SearchHit;
import dev.lectern.search.SearchRequest;
import dev.lectern.search.SearchRequests;
import dev.lectern.search.SearchService;
import dev.lectern.transcript.ClockTime;
import dev.lectern.view.PassageView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A subset of OpenAI's vector-store API, so that assistants written against it can search lectures by changing
 * their base URL to {@code http://lectern:8080/v1}: every lecture is a vector store (and a file), {@code all}
 * searches them all.
 */
@Path("/v1/vector_stores")
@Tag(name = "OpenAI-compatible")
@Produces(MediaType.APPLICATION_JSON)
public class VectorStoreResource {

    static final String ALL = "all";
    static final int DEFAULT_RESULTS = 10;
    static final int MAX_RESULTS = 50;
    /** Filters are applied to this many candidates, so that a selective filter still fills the page. */
    static final int CANDIDATES = 200;

    private final SearchService search;
    private final SearchRequests requests;
    private final LectureService lectures;
    private final SearchConfig config;

    VectorStoreResource(SearchService search, SearchRequests requests, LectureService lectures, SearchConfig config) {
        this.search = search;
        this.requests = requests;
        this.lectures = lectures;
        this.config = config;
    }

    /** One text part of a result. */
    public record ContentPart(String type, String text) {}

    /** One result, as OpenAI's API returns it. */
    public record Result(
            @JsonProperty("file_id") String fileId,
            String filename,
            double score,
            Map<String, Object> attributes,
            List<ContentPart> content,
            // Not in OpenAI's schema, which clients ignore; the same facts are flat in the attributes.
            PassageView.ChapterRef chapter) {}

    /** A page of results. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(
            String object,
            @JsonProperty("search_query") List<String> searchQuery,
            List<Result> data,
            @JsonProperty("has_more") boolean hasMore,
            @JsonProperty("next_page") String nextPage) {}

    /** A lecture as a vector store. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VectorStore(
            String id,
            String object,
            @JsonProperty("created_at") long createdAt,
            String name,
            @JsonProperty("usage_bytes") long usageBytes,
            @JsonProperty("file_counts") Map<String, Integer> fileCounts,
            String status,
            @JsonProperty("last_active_at") Long lastActiveAt,
            Map<String, String> metadata) {}

    /** The list of vector stores. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StoreList(
            String object,
            List<VectorStore> data,
            @JsonProperty("first_id") String firstId,
            @JsonProperty("last_id") String lastId,
            @JsonProperty("has_more") boolean hasMore) {}

    @GET
    @Blocking
    @Operation(summary = "List lectures as OpenAI vector stores")
    public StoreList list() {
        List<VectorStore> stores =
                lectures.list().stream().map(VectorStoreResource::asStore).toList();
        return new StoreList(
                "list",
                stores,
                stores.isEmpty() ? null : stores.get(0).id(),
                stores.isEmpty() ? null : stores.get(stores.size() - 1).id(),
                false);
    }

    @POST
    @Path("/{vectorStoreId}/search")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Search a lecture (or all) the way OpenAI's vector-store search does",
            description = "Body: query (string or array of strings), max_num_results (1-50, default 10), filters"
                    + " (comparison eq/ne/gt/gte/lt/lte/in/nin and compound and/or; attributes lecture_id,"
                    + " lecture_title, start_seconds, end_seconds, chapter_index, chapter_title), ranking_options.score_threshold"
                    + " (0-1).")
    public Page search(@PathParam("vectorStoreId") String vectorStoreId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("query", "a JSON body with a query is required");
        }
        String query = requests.query("query", query(body.get("query")));
        int maxResults = intField(body, "max_num_results", DEFAULT_RESULTS, 1, MAX_RESULTS);
        AttributeFilter filter = null;
        if (body.hasNonNull("filters")) {
            try {
                filter = AttributeFilter.parse(body.get("filters"), "filters");
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("filters", e.getMessage());
            }
        }
        double threshold = threshold(body.get("ranking_options"));
        String lectureId = ALL.equals(vectorStoreId) ? null : vectorStoreId;
        if (lectureId != null) {
            lectures.get(lectureId);
        }
        List<SearchHit> hits = search.search(new SearchRequest(query, CANDIDATES, lectureId, config.defaultMode()))
                .hits();
        List<Result> results = new ArrayList<>();
        for (SearchHit hit : hits) {
            Map<String, Object> attributes = attributes(hit);
            if (hit.score() < threshold || (filter != null && !filter.matches(attributes))) {
                continue;
            }
            results.add(new Result(
                    hit.lecture().id(),
                    hit.lecture().title(),
                    Math.round(hit.score() * 10_000) / 10_000.0,
                    attributes,
                    List.of(new ContentPart("text", hit.passage().text())),
                    PassageView.of(hit).chapter()));
            if (results.size() == maxResults) {
                break;
            }
        }
        return new Page("vector_store.search_results.page", List.of(query), results, false, null);
    }

    static Map<String, Object> attributes(SearchHit hit) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("lecture_id", hit.lecture().id());
        attributes.put("lecture_title", hit.lecture().title());
        attributes.put("passage_id", hit.lecture().id() + ":" + hit.passage().ordinal());
        attributes.put("start", ClockTime.format(hit.passage().startMillis()));
        attributes.put("end", ClockTime.format(hit.passage().endMillis()));
        attributes.put("start_seconds", hit.passage().startMillis() / 1000.0);
        attributes.put("end_seconds", hit.passage().endMillis() / 1000.0);
        attributes.put("chapter_index", hit.chapter().index());
        attributes.put("chapter_title", hit.chapter().title());
        attributes.put("chapter_start_seconds", hit.chapter().startMillis() / 1000.0);
        if (hit.link() != null) {
            attributes.put("link", hit.link());
        }
        return attributes;
    }

    private static VectorStore asStore(Lecture lecture) {
        long created = lecture.ingestedAt() == null ? 0 : lecture.ingestedAt().getEpochSecond();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("duration_seconds", Double.toString(lecture.durationSeconds()));
        metadata.put("passages", Integer.toString(lecture.passages()));
        if (lecture.sourceUrl() != null) {
            metadata.put("source_url", lecture.sourceUrl());
        }
        return new VectorStore(
                lecture.id(),
                "vector_store",
                created,
                lecture.title(),
                0,
                Map.of("in_progress", 0, "completed", 1, "failed", 0, "cancelled", 0, "total", 1),
                "completed",
                created,
                metadata);
    }

    /** OpenAI's query: a string, or an array of strings joined with spaces; its length is checked as every query. */
    private static String query(JsonNode node) {
        String query = null;
        if (node != null && node.isTextual()) {
            query = node.asText();
        } else if (node != null && node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(part -> parts.add(part.asText()));
            query = String.join(" ", parts);
        }
        if (query == null || query.isBlank()) {
            throw new InvalidRequestException("query", "query is required: a string or an array of strings");
        }
        return query;
    }

    private static int intField(JsonNode body, String field, int defaultValue, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.canConvertToInt() || node.asInt() < min || node.asInt() > max || !node.isIntegralNumber()) {
            throw new InvalidRequestException(
                    field, field + " must be a whole number from " + min + " to " + max + ", was " + node);
        }
        return node.asInt();
    }

    private static double threshold(JsonNode rankingOptions) {
        if (rankingOptions == null || rankingOptions.isNull() || !rankingOptions.hasNonNull("score_threshold")) {
            return 0;
        }
        JsonNode threshold = rankingOptions.get("score_threshold");
        if (!threshold.isNumber() || threshold.asDouble() < 0 || threshold.asDouble() > 1) {
            throw new InvalidRequestException(
                    "ranking_options.score_threshold", "ranking_options.score_threshold must be a number from 0 to 1");
        }
        return threshold.asDouble();
    }
}
