package dev.lectern.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.config.LecternConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Applies {@link AccessPolicy} and the per-client rate limits ({@link RateLimitConfig}) to every HTTP request, ahead
 * of every route: the REST API, the OpenAI-compatible endpoints and the MCP endpoint ({@code /mcp}, served by the
 * MCP extension outside JAX-RS) alike. Runs on the event loop and costs a few string comparisons per request, one
 * SHA-256 when a key is presented, and one bucket lookup when a limit is on.
 *
 * <p>Reads are protected by default: once a read key is configured, every path needs a key except the page itself
 * and its files ({@code /}, {@code /app.js}, ...: no lecture content), and {@code /q/*} (health, metrics, the OpenAPI
 * document and Swagger UI). A route added later is thus private from the start.
 */
@ApplicationScoped
class AccessFilter {

    /** Runs right after {@link BodyLimitFilter}. */
    static final int ORDER = Integer.MIN_VALUE + 1;

    /** Files of the page at the root: the page carries no lecture content and asks for the key itself. */
    private static final Pattern PAGE_FILE = Pattern.compile("/[A-Za-z0-9._-]+\\.(html|js|css|png|svg|ico|txt)");

    private static final Pattern VECTOR_STORE_SEARCH = Pattern.compile("/v1/vector_stores/[^/]+/search/?");

    private final AccessPolicy policy;
    private final Optional<RateLimiter> searches;
    private final Optional<RateLimiter> writes;
    private final ObjectMapper json;
    private final Counter searchesLimited;
    private final Counter writesLimited;

    AccessFilter(
            LecternConfig config, AuthConfig auth, RateLimitConfig limits, ObjectMapper json, MeterRegistry meters) {
        this.policy = AccessPolicy.of(auth, config.apiKey());
        this.searches =
                limiter(limits.searchesPerSecond(), Duration.ofSeconds(1), "lectern.rate-limit.searches-per-second");
        this.writes = limiter(limits.writesPerMinute(), Duration.ofMinutes(1), "lectern.rate-limit.writes-per-minute");
        this.json = json;
        this.searchesLimited = limitedCounter(meters, "searches");
        this.writesLimited = limitedCounter(meters, "writes");
    }

    private static Optional<RateLimiter> limiter(double rate, Duration period, String setting) {
        if (rate == 0) {
            return Optional.empty();
        }
        return Optional.of(new RateLimiter(rate, period, setting));
    }

    private static Counter limitedCounter(MeterRegistry meters, String limit) {
        return Counter.builder("lectern.rate.limited")
                .description("Requests refused with 429 because the client was over its rate limit")
                .baseUnit("requests")
                .tag("limit", limit)
                .register(meters);
    }

    /** Installed ahead of every route but the body-size check. */
    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpMethod method = context.request().method();
        String path = context.normalizedPath();
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean write = isWrite(method, path);
        Optional<Problem> refused = write
                ? policy.checkWrite(authorization, remoteHost(context))
                : isPublic(method, path) ? Optional.empty() : policy.checkRead(authorization);
        if (refused.isPresent()) {
            respond(context, refused.get(), null);
            return;
        }
        Optional<RateLimiter> limit = write ? writes : isSearch(method, path) ? searches : Optional.empty();
        if (limit.isPresent()) {
            String client = policy.clientOf(authorization).orElseGet(() -> "address-" + remoteHost(context));
            OptionalLong wait = limit.get().tryAcquire(client);
            if (wait.isPresent()) {
                (write ? writesLimited : searchesLimited).increment();
                respond(
                        context,
                        Problem.of(
                                429,
                                "Too many requests",
                                "this client is over its limit of " + (write ? "writes" : "searches") + " ("
                                        + (write
                                                ? "lectern.rate-limit.writes-per-minute"
                                                : "lectern.rate-limit.searches-per-second")
                                        + ", bursts of " + limit.get().burst() + "); try again in "
                                        + wait.getAsLong() + " s"),
                        wait.getAsLong());
                return;
            }
        }
        context.next();
    }

    static boolean isWrite(HttpMethod method, String path) {
        return (method == HttpMethod.PUT
                        || method == HttpMethod.POST
                        || method == HttpMethod.DELETE
                        || method == HttpMethod.PATCH)
                && (path.equals("/api/lectures") || path.startsWith("/api/lectures/"));
    }

    /** Paths that never serve lecture content: the page's files, health, metrics and the API's description. */
    static boolean isPublic(HttpMethod method, String path) {
        if (path.startsWith("/q/")) {
            return true;
        }
        return (method == HttpMethod.GET || method == HttpMethod.HEAD)
                && (path.equals("/") || PAGE_FILE.matcher(path).matches());
    }

    /** Requests that run a search (and the model): the ones {@code searches-per-second} limits. */
    static boolean isSearch(HttpMethod method, String path) {
        if (method == HttpMethod.GET) {
            return path.equals("/api/search") || path.equals("/api/ask/stream");
        }
        if (method == HttpMethod.POST) {
            return path.equals("/api/ask")
                    || path.equals("/api/context")
                    || path.equals("/mcp")
                    || path.startsWith("/mcp/")
                    || VECTOR_STORE_SEARCH.matcher(path).matches();
        }
        return false;
    }

    private static String remoteHost(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /**
     * The problem with OpenAI's {@code error} member beside its own, as every problem under {@code /v1} carries it
     * (see {@code OpenAiErrors}): OpenAI's SDKs read {@code error.message} and {@code error.code}.
     */
    static Map<String, Object> withOpenAiError(Problem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", problem.detail());
        error.put("type", problem.status() == 429 ? "requests" : "invalid_request_error");
        error.put("param", null);
        error.put(
                "code",
                switch (problem.status()) {
                    case 401 -> "invalid_api_key";
                    case 429 -> "rate_limit_exceeded";
                    default -> null;
                });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("error", error);
        return body;
    }

    private void respond(RoutingContext context, Problem problem, Long retryAfterSeconds) {
        try {
            var response = context.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (problem.status() == 401) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"lectern\"");
            }
            if (retryAfterSeconds != null) {
                response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
            }
            response.end(json.writeValueAsString(
                    context.normalizedPath().startsWith("/v1/") ? withOpenAiError(problem) : problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
