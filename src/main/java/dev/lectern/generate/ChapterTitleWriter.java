package dev.lectern.generate;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Lets the configured chat model write a chapter's title from its text ({@code lectern.chapters.llm-titles}).
 * Any failure leaves the offline title in place: chapters never depend on a model server being up.
 */
@ApplicationScoped
public class ChapterTitleWriter {

    private static final Logger LOG = Logger.getLogger(ChapterTitleWriter.class);

    static final String INSTRUCTIONS = """
            You write the heading of one section of a recorded lecture, from the section's transcript.
            - At most 8 words and 60 characters, in the lecture's language, no quotes, no final full stop.
            - Name the topic the section is about, as a table of contents would.
            - The transcript comes from speech recognition: write names as the speaker meant them.""";

    /** The most transcript characters sent per chapter. */
    static final int MAX_TEXT_CHARS = 6000;

    private final ChatModel model;

    ChapterTitleWriter(LlmConfig config) {
        this.model = config.enabled()
                ? OpenAiChatModel.builder()
                        .baseUrl(config.baseUrl().orElseThrow())
                        .modelName(config.model().orElseThrow())
                        .apiKey(config.apiKey().filter(key -> !key.isBlank()).orElse("none"))
                        .temperature(config.temperature())
                        .timeout(config.timeout())
                        .maxRetries(1)
                        .build()
                : null;
    }

    /** Whether a chat model is configured. */
    public boolean enabled() {
        return model != null;
    }

    /**
     * A title for a chapter, or empty when no model is configured, it fails or its answer is no usable title.
     *
     * @param keywords the chapter's key phrases, as a hint
     */
    public Optional<String> title(String chapterText, List<String> keywords) {
        if (model == null) {
            return Optional.empty();
        }
        String text = chapterText.length() > MAX_TEXT_CHARS ? chapterText.substring(0, MAX_TEXT_CHARS) : chapterText;
        try {
            String answer = model.chat(
                            SystemMessage.from(INSTRUCTIONS),
                            UserMessage.from(
                                    "Key phrases: " + String.join(", ", keywords) + "\n\nTranscript:\n" + text))
                    .aiMessage()
                    .text();
            String title = answer == null
                    ? ""
                    : answer.strip()
                            .replaceAll("^[\"'#*\\s]+|[\"'*.\\s]+$", "")
                            .lines()
                            .findFirst()
                            .orElse("");
            return title.isBlank() || title.length() > 60 ? Optional.empty() : Optional.of(title.strip());
        } catch (RuntimeException e) {
            LOG.warnf("The chat model could not title a chapter (%s); keeping the offline title", e.getMessage());
            return Optional.empty();
        }
    }
}
