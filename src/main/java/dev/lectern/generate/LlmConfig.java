package dev.lectern.generate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * An OpenAI-compatible chat model (a local vLLM or Ollama server, or a hosted one) that writes answers from
 * the retrieved passages. Off unless {@code base-url} and {@code model} are both set.
 */
@ConfigMapping(prefix = "lectern.llm")
public interface LlmConfig {

    /** Base URL of the OpenAI-compatible API, e.g. {@code http://localhost:11434/v1} for Ollama. */
    Optional<String> baseUrl();

    /** Model name as the server knows it, e.g. {@code llama3.1:8b}. */
    Optional<String> model();

    /** API key, sent as a bearer token; many local servers need none. */
    Optional<String> apiKey();

    /** Longest wait for the model's answer. Default 60s. */
    @WithDefault("60s")
    @DurationMin(nanos = 0, inclusive = false, message = "must be longer than 0")
    Duration timeout();

    /** Sampling temperature; low keeps answers close to the passages. Default 0.2. */
    @WithDefault("0.2")
    @DecimalMin("0")
    @DecimalMax("2")
    double temperature();

    /** Token budget of the passages given to the model (see POST /api/context). Default 1500. */
    @WithDefault("1500")
    @Positive
    int contextTokens();

    /** Whether generation is configured. */
    default boolean enabled() {
        return baseUrl().filter(url -> !url.isBlank()).isPresent()
                && model().filter(name -> !name.isBlank()).isPresent();
    }
}
