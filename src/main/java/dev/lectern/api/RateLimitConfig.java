package dev.lectern.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Per-client request rates ({@code lectern.rate-limit.*}). A client is its key when it presents a valid one, else
 * its remote address. Each client may burst to twice its rate, then waits; a request over the limit gets 429
 * problem+json with {@code Retry-After}. Counted by each replica on its own: N replicas let a client through at up
 * to N times the rate. Health ({@code /q/health}) and metrics ({@code /q/metrics}) are never limited.
 */
@ConfigMapping(prefix = "lectern.rate-limit")
public interface RateLimitConfig {

    /**
     * Searches per second per client: {@code GET /api/search}, {@code POST /api/ask}, {@code GET /api/ask/stream},
     * {@code POST /api/context}, {@code POST /v1/vector_stores/{id}/search} and every MCP message ({@code POST /mcp}).
     * Fractions are allowed ({@code 0.5}: one every two seconds). Default {@code 0}: no limit.
     */
    @WithDefault("0")
    @PositiveOrZero
    double searchesPerSecond();

    /** Writes (PUT, POST, DELETE under {@code /api/lectures}) per minute per client. Default {@code 0}: no limit. */
    @WithDefault("0")
    @PositiveOrZero
    double writesPerMinute();
}
