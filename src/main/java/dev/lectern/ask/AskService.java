package dev.lectern.ask;

import dev.lectern.LecternFailure;
import dev.lectern.generate.AnswerGenerator;
import dev.lectern.generate.GeneratedAnswer;
import dev.lectern.generate.GenerationFailedException;
import dev.lectern.generate.GenerationUnavailableException;
import dev.lectern.search.AnswerService;
import dev.lectern.search.AskResult;
import dev.lectern.search.SearchRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a question, for every edge that asks: retrieval and the extractive answer ({@link AnswerService}), and
 * when asked for, an answer written by the configured model from the same passages ({@link AnswerGenerator}),
 * whole or streamed. Failures are {@link LecternFailure}s: no model configured is
 * {@link GenerationUnavailableException}, a model that fails is {@link GenerationFailedException}, whichever way the
 * answer is delivered.
 */
@ApplicationScoped
public class AskService {

    private final AnswerService answers;
    private final AnswerGenerator generator;

    AskService(AnswerService answers, AnswerGenerator generator) {
        this.answers = answers;
        this.generator = generator;
    }

    /**
     * The answer to a question.
     *
     * @param result the passages, the extractive answer and the confidence
     * @param generated the model's answer from those passages, or {@code null} when none was asked for
     */
    public record Answer(AskResult result, GeneratedAnswer generated) {}

    /** What a streamed answer reports, in this order: passages, tokens, then the answer or a failure. */
    public interface Listener {

        /** The passages the model is given, with the confidence that they answer the question. */
        void passages(AskResult result);

        /** A piece of the answer as the model writes it. */
        void token(String token);

        /** The finished answer, citations checked. Last call. */
        void answer(GeneratedAnswer answer);

        /** The answer cannot be given: retrieval or the model failed. Last call. */
        void failed(RuntimeException failure);
    }

    /**
     * Answers a question; blocking.
     *
     * @param generate whether the configured model should write the answer
     * @throws GenerationUnavailableException when {@code generate} and no model is configured (checked first)
     * @throws GenerationFailedException when the model fails
     */
    public Answer ask(SearchRequest request, boolean generate) {
        if (generate) {
            requireGeneration();
        }
        AskResult result = answers.ask(request);
        if (!generate) {
            return new Answer(result, null);
        }
        try {
            return new Answer(result, generator.answer(request.query(), result.hits()));
        } catch (RuntimeException e) {
            throw generationFailure(e);
        }
    }

    /**
     * Streams an answer written by the model: retrieval runs on the calling thread (blocking), the model's tokens
     * arrive on its own threads. Every outcome reaches the listener, failures included; this method throws only
     * when no model is configured.
     *
     * @throws GenerationUnavailableException when no model is configured
     */
    public void stream(SearchRequest request, Listener listener) {
        requireGeneration();
        AskResult result;
        try {
            result = answers.ask(request);
        } catch (RuntimeException e) {
            listener.failed(e);
            return;
        }
        listener.passages(result);
        try {
            generator.stream(
                    request.query(),
                    result.hits(),
                    listener::token,
                    listener::answer,
                    error -> listener.failed(generationFailure(error)));
        } catch (RuntimeException e) {
            listener.failed(generationFailure(e));
        }
    }

    /**
     * Checks that a model is configured, so that a request for a generated answer fails before any work.
     *
     * @throws GenerationUnavailableException otherwise
     */
    public void requireGeneration() {
        if (!generator.enabled()) {
            throw new GenerationUnavailableException();
        }
    }

    private static RuntimeException generationFailure(Throwable error) {
        // Lectern's own failures (a busy embedding model while packing the prompt) keep their kind.
        if (error instanceof LecternFailure && error instanceof RuntimeException own) {
            return own;
        }
        return new GenerationFailedException(error);
    }
}
