package dev.lectern.generate;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.lectern.search.ContextBuilder;
import dev.lectern.search.GroundedContext;
import dev.lectern.search.SearchHit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes answers with the configured OpenAI-compatible model, from the retrieved passages only: the prompt holds
 * the question and the numbered, timed passages, nothing else. Citations in the answer are checked against those
 * passages before anyone sees them.
 */
@ApplicationScoped
public class AnswerGenerator {

    static final String INSTRUCTIONS = """
            You answer questions about recorded lectures using only the numbered passages you are given.
            - Answer in a few sentences, in plain language.
            - After each fact, cite the passage it comes from with the passage's start time in brackets, exactly as \
            written in the passage header, e.g. [00:16:26].
            - Use only the passages. If they do not answer the question, say that the lectures do not seem to cover it.
            - The passages are speech-recognition transcripts: names may be misspelled; write them as the speaker meant.""";

    private final ContextBuilder contexts;
    private final LlmConfig config;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;

    AnswerGenerator(ContextBuilder contexts, LlmConfig config) {
        this.contexts = contexts;
        this.config = config;
        if (config.enabled()) {
            String apiKey = config.apiKey().filter(key -> !key.isBlank()).orElse("none");
            this.model = OpenAiChatModel.builder()
                    .baseUrl(config.baseUrl().orElseThrow())
                    .modelName(config.model().orElseThrow())
                    .apiKey(apiKey)
                    .temperature(config.temperature())
                    .timeout(config.timeout())
                    .maxRetries(1)
                    .build();
            this.streamingModel = OpenAiStreamingChatModel.builder()
                    .baseUrl(config.baseUrl().orElseThrow())
                    .modelName(config.model().orElseThrow())
                    .apiKey(apiKey)
                    .temperature(config.temperature())
                    .timeout(config.timeout())
                    .build();
        } else {
            this.model = null;
            this.streamingModel = null;
        }
    }

    /** Whether a model is configured. */
    public boolean enabled() {
        return model != null;
    }

    /**
     * Generates an answer to {@code question} from already retrieved passages (best first); blocking.
     *
     * @throws GenerationUnavailableException when no model is configured
     */
    public GeneratedAnswer answer(String question, List<SearchHit> passages) {
        Prompt prompt = prompt(question, passages);
        if (prompt.context().citations().isEmpty()) {
            return nothingFound();
        }
        ChatResponse response = model.chat(prompt.messages());
        return checked(response.aiMessage().text(), prompt.context().citations());
    }

    /**
     * Streams an answer from already retrieved passages: {@code onToken} for each piece of text, then
     * {@code onAnswer} with the checked answer, or {@code onError}.
     *
     * @throws GenerationUnavailableException when no model is configured
     */
    public void stream(
            String question,
            List<SearchHit> retrieved,
            Consumer<String> onToken,
            Consumer<GeneratedAnswer> onAnswer,
            Consumer<Throwable> onError) {
        Prompt prompt = prompt(question, retrieved);
        List<SearchHit> passages = prompt.context().citations();
        if (passages.isEmpty()) {
            onAnswer.accept(nothingFound());
            return;
        }
        streamingModel.chat(prompt.messages(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String token) {
                onToken.accept(token);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                onAnswer.accept(checked(response.aiMessage().text(), passages));
            }

            @Override
            public void onError(Throwable error) {
                onError.accept(error);
            }
        });
    }

    private record Prompt(GroundedContext context, List<ChatMessage> messages) {}

    private Prompt prompt(String question, List<SearchHit> passages) {
        if (!enabled()) {
            throw new GenerationUnavailableException();
        }
        GroundedContext context = contexts.pack(passages, config.contextTokens());
        List<ChatMessage> messages = List.of(
                SystemMessage.from(INSTRUCTIONS),
                UserMessage.from("Question: " + question + "\n\n" + context.context()));
        return new Prompt(context, messages);
    }

    private static GeneratedAnswer checked(String text, List<SearchHit> passages) {
        Citations.Checked checked = Citations.check(text == null ? "" : text, passages);
        List<SearchHit> cited = List.copyOf(new LinkedHashSet<>(
                checked.valid().stream().map(Citations.Citation::passage).toList()));
        return new GeneratedAnswer(checked.text(), cited, checked.removed(), passages);
    }

    private static GeneratedAnswer nothingFound() {
        return new GeneratedAnswer("The lectures do not seem to cover this question.", List.of(), List.of(), List.of());
    }
}
