package dev.lectern.api;

import dev.lectern.InvalidRequestException;
import dev.lectern.search.ContextBuilder;
import dev.lectern.search.GroundedContext;
import dev.lectern.search.SearchRequest;
import dev.lectern.search.SearchRequests;
import dev.lectern.view.PassageView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/context}: grounded context for chatbots that bring their own model. */
@Path("/api/context")
@Tag(name = "Chatbots")
public class ContextResource {

    static final int DEFAULT_MAX_TOKENS = 1500;
    static final int MIN_MAX_TOKENS = 50;
    static final int MAX_MAX_TOKENS = 16_000;

    private final ContextBuilder contexts;
    private final SearchRequests requests;

    ContextResource(ContextBuilder contexts, SearchRequests requests) {
        this.contexts = contexts;
        this.requests = requests;
    }

    /** The body of {@code POST /api/context}. */
    public record ContextRequest(
            @Schema(description = "The user's question", required = true)
            String question,

            @Schema(description = "Passages to consider, 1-50; default 5")
            Integer k,

            @Schema(description = "Only use this lecture") String lectureId,

            @Schema(description = "Token budget of the context, 50-16000; default 1500")
            Integer maxTokens) {}

    /** The response: the context block, and the passages it cites, numbered in the same order. */
    public record ContextResponse(
            @Schema(
                    description = "Numbered passages with lecture, times and link, ready to put in a prompt; empty"
                            + " when nothing matches")
            String context,

            List<PassageView> citations) {}

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Grounded context for your own model",
            description = "Finds the passages that answer the question and returns them as one prompt-ready block:"
                    + " numbered, with lecture title, time span and link, best first, as many whole passages as fit"
                    + " maxTokens. citations[i] is passage [i+1] of the block.")
    public ContextResponse context(ContextRequest body) {
        if (body == null) {
            throw new InvalidRequestException("question", "a JSON body with a question is required");
        }
        SearchRequest request =
                requests.of(SearchRequests.Fields.ASK, body.question(), body.k(), body.lectureId(), null);
        int maxTokens = body.maxTokens() == null ? DEFAULT_MAX_TOKENS : body.maxTokens();
        if (maxTokens < MIN_MAX_TOKENS || maxTokens > MAX_MAX_TOKENS) {
            throw new InvalidRequestException(
                    "maxTokens",
                    "maxTokens must be from " + MIN_MAX_TOKENS + " to " + MAX_MAX_TOKENS + ", was " + maxTokens);
        }
        GroundedContext context = contexts.build(request, maxTokens);
        return new ContextResponse(
                context.context(),
                context.citations().stream().map(PassageView::of).toList());
    }
}
