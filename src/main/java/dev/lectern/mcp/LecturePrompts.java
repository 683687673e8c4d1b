package dev.lectern.mcp;

import io.quarkiverse.mcp.server.Prompt;
import io.quarkiverse.mcp.server.PromptArg;
import io.quarkiverse.mcp.server.PromptMessage;

/** Prompts an MCP host can offer its user. */
public class LecturePrompts {

    @Prompt(
            name = "answer_with_citations",
            description = "Answer a question from the indexed lectures, citing the moment each fact comes from.")
    PromptMessage answerWithCitations(@PromptArg(description = "The question to answer") String question) {
        return PromptMessage.withUserRole("""
                Answer the question below using only what the lectures say.

                1. Call the search_lecture tool with the question (and again with other wording or key words if the
                   first results do not answer it). Call get_transcript for more context around a promising passage.
                   For questions about what a lecture covers or where a topic is treated, call get_outline: the
                   lecture's chapters with their start times. Each passage also names its chapter.
                2. Answer in a few sentences, in your own words, from those passages only.
                3. After each fact, cite the moment it comes from with the passage's start time in brackets, e.g.
                   [00:16:26], and add the passage's link when it has one.
                4. If the passages do not answer the question, say that the lectures do not seem to cover it. Never
                   fill the gap from general knowledge without saying so.

                The transcripts come from speech recognition: names and acronyms may be misspelled ("Xero" for
                ZeRO). Quote them as the lecturer meant them.

                Question: %s""".formatted(question));
    }
}
