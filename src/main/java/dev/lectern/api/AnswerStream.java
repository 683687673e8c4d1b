package dev.lectern.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.LecternFailure;
import dev.lectern.ask.AskService;
import dev.lectern.generate.GeneratedAnswer;
import dev.lectern.search.AskResult;
import dev.lectern.search.SearchRequest;
import dev.lectern.view.PassageView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/ask/stream} as server-sent events: {@code passages}, then {@code token}s, then {@code answer}; or,
 * when anything fails once the stream has begun (retrieval, the model), an {@code error} event carrying the problem
 * {@code POST /api/ask} would answer with, same status, and the end of the stream.
 */
@ApplicationScoped
class AnswerStream {

    private static final Logger LOG = Logger.getLogger(AnswerStream.class);

    private final AskService asks;
    private final ObjectMapper json;

    AnswerStream(AskService asks, ObjectMapper json) {
        this.asks = asks;
        this.json = json;
    }

    Multi<OutboundSseEvent> events(SearchRequest request, Sse sse) {
        return Multi.createFrom()
                .<OutboundSseEvent>emitter(emitter -> asks.stream(request, new Events(request, sse, emitter)))
                // Retrieval embeds the question and reads the index: never on the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Writes each step of the answer as its event. */
    private final class Events implements AskService.Listener {

        private final SearchRequest request;
        private final Sse sse;
        private final MultiEmitter<? super OutboundSseEvent> emitter;

        Events(SearchRequest request, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
            this.request = request;
            this.sse = sse;
            this.emitter = emitter;
        }

        @Override
        public void passages(AskResult result) {
            emitter.emit(event(
                    "passages",
                    new AskResource.StreamStart(
                            request.query(),
                            result.confident(),
                            result.hits().stream().map(PassageView::of).toList())));
        }

        @Override
        public void token(String token) {
            emitter.emit(sse.newEventBuilder().name("token").data(token).build());
        }

        @Override
        public void answer(GeneratedAnswer answer) {
            emitter.emit(event("answer", AskResource.AnswerView.of(answer)));
            emitter.complete();
        }

        @Override
        public void failed(RuntimeException failure) {
            Problem problem;
            if (failure instanceof LecternFailure known) {
                problem = ProblemMappers.problem(known);
            } else {
                LOG.error("The answer stream failed", failure);
                problem = Problem.of(
                        500, "Internal error", "Lectern failed to serve this request; the log has the details");
            }
            emitter.emit(event("error", problem));
            emitter.complete();
        }

        private OutboundSseEvent event(String name, Object data) {
            try {
                return sse.newEventBuilder()
                        .name(name)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(json.writeValueAsString(data))
                        .build();
            } catch (JsonProcessingException e) {
                // Lectern's own records always serialise; this would be a bug, reported as the stream's failure.
                throw new UncheckedIOException("cannot write the " + name + " event", e);
            }
        }
    }
}
