package dev.lectern.generate;

import dev.lectern.LecternFailure;

/** A generated answer was asked for, but no model is configured. */
public final class GenerationUnavailableException extends RuntimeException implements LecternFailure {

    public GenerationUnavailableException() {
        super("generated answers are off: set lectern.llm.base-url (an OpenAI-compatible endpoint, e.g."
                + " http://localhost:11434/v1 for Ollama or http://localhost:8000/v1 for vLLM) and lectern.llm.model,"
                + " and lectern.llm.api-key if the server needs one; see docs/chatbots.md");
    }
}
