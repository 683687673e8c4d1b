package dev.lectern.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.InvalidRequestException;
import dev.lectern.ask.AskService;
import dev.lectern.generate.GeneratedAnswer;
import dev.lectern.search.AskResult;
import dev.lectern.search.ExtractiveAnswer;
import dev.lectern.search.SearchHit;
import dev.lectern.search.SearchRequest;
import dev.lectern.search.SearchRequests;
import dev.lectern.view.PassageView;
import dev.lectern.view.TimeFormat;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/ask}: an extractive answer with the passages it came from, or with {@code "generate": true} an
 * answer written by the configured model; {@code GET /api/ask/stream} streams the generated answer.
 */
@Path("/api/ask")
@Tag(name = "Search")
public class AskResource {

    private final AskService asks;
    private final AnswerStream stream;
    private final SearchRequests requests;

    AskResource(AskService asks, AnswerStream stream, SearchRequests requests) {
        this.asks = asks;
        this.stream = stream;
        this.requests = requests;
    }

    /** The body of {@code POST /api/ask}. */
    public record AskRequest(
            @Schema(description = "The question, 1-1000 characters after trimming", required = true)
            String question,

            @Schema(description = "How many passages to return, 1-50; default 5")
            Integer k,

            @Schema(description = "Only search this lecture")
            String lectureId,

            @Schema(
                    description = "Have the configured model (lectern.llm.*) write the answer from the passages, with"
                            + " citations like [00:16:26]; default false (the extractive answer)")
            Boolean generate) {}

    /** The answer: the lecture's own words (or a generated answer citing them), and when they were said. */
    @Schema(name = "Answer")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerView(
            String text,
            String start,
            String end,
            double startSeconds,
            double endSeconds,
            String lectureId,

            @Schema(nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS)
            String link,

            @Schema(description = "True when a model wrote the answer; absent for extractive answers")
            Boolean generated,

            @Schema(description = "Citations the model made to times no passage covers, removed from text")
            List<String> removedCitations) {

        static AnswerView of(ExtractiveAnswer answer) {
            return answer == null
                    ? null
                    : new AnswerView(
                            answer.text(),
                            TimeFormat.clock(answer.startMillis()),
                            TimeFormat.clock(answer.endMillis()),
                            TimeFormat.seconds(answer.startMillis()),
                            TimeFormat.seconds(answer.endMillis()),
                            answer.lectureId(),
                            answer.link(),
                            null,
                            null);
        }

        /** A generated answer, timed by the first passage it cites (or the best passage when it cites none). */
        static AnswerView of(GeneratedAnswer answer) {
            List<SearchHit> anchor = answer.cited().isEmpty() ? answer.passages() : answer.cited();
            if (anchor.isEmpty()) {
                return new AnswerView(answer.text(), null, null, 0, 0, null, null, true, answer.removedCitations());
            }
            SearchHit first = anchor.get(0);
            return new AnswerView(
                    answer.text(),
                    TimeFormat.clock(first.passage().startMillis()),
                    TimeFormat.clock(first.passage().endMillis()),
                    TimeFormat.seconds(first.passage().startMillis()),
                    TimeFormat.seconds(first.passage().endMillis()),
                    first.lecture().id(),
                    first.link(),
                    true,
                    answer.removedCitations());
        }
    }

    /** The response of {@code POST /api/ask}. */
    public record AskResponse(
            String question,
            @Schema(nullable = true) AnswerView answer,

            @Schema(
                    description = "Whether confidence is above the configured operating point: false when the"
                            + " lectures probably do not answer the question")
            boolean confident,

            @Schema(
                    description = "Estimated probability, 0-1, that the lectures answer the question: a logistic model"
                            + " of the best passage's and answer's similarity, whether the question's rarest words occur"
                            + " in the lecture and in the best passages, agreement of meaning and words, and the answer"
                            + " type (docs/evaluation.md has its reliability table)")
            double confidence,

            List<PassageView> passages) {}

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Answer a question from the lectures",
            description = "Returns the sentence(s) of the lectures that best answer the question, quoted as said with"
                    + " their time span, and the passages they come from. confident is false when the lectures"
                    + " probably do not answer the question. With generate: true, the configured model writes the"
                    + " answer from those passages only, citing times like [00:16:26]; citations to times no passage"
                    + " covers are removed and listed in removedCitations. 400 when no model is configured.")
    public AskResponse ask(AskRequest body) {
        if (body == null) {
            throw new InvalidRequestException("question", "a JSON body with a question is required");
        }
        boolean generate = Boolean.TRUE.equals(body.generate());
        if (generate) {
            asks.requireGeneration();
        }
        SearchRequest request =
                requests.of(SearchRequests.Fields.ASK, body.question(), body.k(), body.lectureId(), null);
        AskService.Answer answer = asks.ask(request, generate);
        AskResult result = answer.result();
        return new AskResponse(
                request.query(),
                generate ? AnswerView.of(answer.generated()) : AnswerView.of(result.answer()),
                result.confident(),
                result.confidence(),
                result.hits().stream().map(PassageView::of).toList());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "Stream a generated answer as server-sent events",
            description = "Events: passages (the passages given to the model, as JSON, with confident), token (each"
                    + " piece of the answer as it is written), answer (the final answer, citations checked, as"
                    + " JSON), error (a problem, as JSON, with the status POST /api/ask would answer). Needs a"
                    + " configured model (lectern.llm.*).")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The question, 1-1000 characters", required = true) @QueryParam("question")
                    String question,
            @Parameter(description = "Passages to consider, 1-50; default 5") @QueryParam("k") String k,
            @Parameter(description = "Only search this lecture") @QueryParam("lectureId") String lectureId,
            @Context Sse sse) {
        asks.requireGeneration();
        return stream.events(requests.of(SearchRequests.Fields.ASK, question, k, lectureId, null), sse);
    }

    /** The first event of a stream. */
    public record StreamStart(String question, boolean confident, List<PassageView> passages) {}
}
