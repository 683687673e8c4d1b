package dev.lectern.api;

import dev.lectern.InvalidRequestException;
import dev.lectern.search.SearchRequest;
import dev.lectern.search.SearchRequests;
import dev.lectern.search.SearchResults;
import dev.lectern.search.SearchService;
import dev.lectern.view.PassageView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/search}: the passages that best answer a question. */
@Path("/api/search")
@Tag(name = "Search")
public class SearchResource {

    /** The fields of a search that names its lecture by the alias {@code lectureId}. */
    private static final SearchRequests.Fields BY_LECTURE_ID = new SearchRequests.Fields("q", "k", "lectureId", "mode");

    private final SearchService search;
    private final SearchRequests requests;

    SearchResource(SearchService search, SearchRequests requests) {
        this.search = search;
        this.requests = requests;
    }

    /** The response of {@code GET /api/search}. */
    public record SearchResponse(String query, long tookMs, List<PassageView> results) {}

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Find the moments of lectures that answer a question",
            description = "Returns the passages that match the question best in meaning (embeddings) and in words"
                    + " (BM25, forgiving of misrecognised names), best first. Passages that"
                    + " cover the same moment are merged, so no two results overlap in time within a lecture.")
    public SearchResponse search(
            @Parameter(description = "The question, 1-1000 characters after trimming", required = true) @QueryParam("q")
                    String q,
            @Parameter(description = "How many results, 1-50; default 5") @QueryParam("k") String k,
            @Parameter(description = "Only search this lecture (its id)") @QueryParam("lecture") String lecture,
            @Parameter(description = "The same as lecture, named as in POST /api/ask; give one of the two")
                    @QueryParam("lectureId")
                    String lectureId,
            @Parameter(description = "hybrid (meaning and words, fused; default), vector or keyword")
                    @QueryParam("mode")
                    String mode) {
        boolean byAlias = isBlank(lecture) && !isBlank(lectureId);
        SearchRequest request = requests.of(
                byAlias ? BY_LECTURE_ID : SearchRequests.Fields.SEARCH, q, k, oneLecture(lecture, lectureId), mode);
        SearchResults results = search.search(request);
        return new SearchResponse(
                request.query(),
                results.tookMillis(),
                results.hits().stream().map(PassageView::of).toList());
    }

    /** {@code lecture} and its alias {@code lectureId}: either may be given, both only when they agree. */
    private static String oneLecture(String lecture, String lectureId) {
        if (!isBlank(lecture) && !isBlank(lectureId) && !lecture.strip().equals(lectureId.strip())) {
            throw new InvalidRequestException(
                    "lectureId",
                    "lecture ('" + lecture + "') and lectureId ('" + lectureId
                            + "') name different lectures; give one of them");
        }
        return isBlank(lecture) ? lectureId : lecture;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
