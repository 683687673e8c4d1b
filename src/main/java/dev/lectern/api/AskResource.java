package dev.lectern.api;

import dev.lectern.search.AnswerService;
import dev.lectern.search.AskResult;
import dev.lectern.search.ExtractiveAnswer;
import dev.lectern.search.SearchRequest;
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

/** {@code POST /api/ask}: an extractive answer with the passages it came from. */
@Path("/api/ask")
@Tag(name = "Search")
public class AskResource {

    private final AnswerService answers;
    private final RequestChecks checks;

    AskResource(AnswerService answers, RequestChecks checks) {
        this.answers = answers;
        this.checks = checks;
    }

    /** The body of {@code POST /api/ask}. */
    public record AskRequest(
            @Schema(description = "The question, 1-1000 characters after trimming", required = true)
            String question,

            @Schema(description = "How many passages to return, 1-50; default 5")
            Integer k,

            @Schema(description = "Only search this lecture")
            String lectureId) {}

    /** The answer: the lecture's own words that answer best, and when they were said. */
    @Schema(name = "Answer")
    public record AnswerView(
            String text,
            String start,
            String end,
            double startSeconds,
            double endSeconds,
            String lectureId,
            @Schema(nullable = true) String link) {

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
                            answer.link());
        }
    }

    /** The response of {@code POST /api/ask}. */
    public record AskResponse(
            String question,
            @Schema(nullable = true) AnswerView answer,

            @Schema(description = "False when nothing in the corpus answers the question well")
            boolean confident,

            List<PassageView> passages) {}

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Answer a question from the lectures",
            description = "Returns the sentence(s) of the lectures that best answer the question, quoted as said with"
                    + " their time span, and the passages they come from. confident is false when the best passage"
                    + " matches poorly: the lectures probably do not answer the question.")
    public AskResponse ask(AskRequest body) {
        if (body == null) {
            throw ApiProblem.invalid("question", "a JSON body with a question is required");
        }
        SearchRequest request =
                checks.searchRequest(RequestChecks.FieldNames.ASK, body.question(), body.k(), body.lectureId(), null);
        AskResult result = answers.ask(request);
        return new AskResponse(
                request.query(),
                AnswerView.of(result.answer()),
                result.confident(),
                result.hits().stream().map(PassageView::of).toList());
    }
}
