package dev.lectern.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} serves what docs/operations.md promises, in Prometheus' text format. */
@QuarkusTest
class MetricsTest {

    private static final String LECTURE = "cs25-ming-ding-multimodal-pretraining";

    @TestHTTPResource("/")
    URL root;

    @Test
    void servesRequestIngestModelStoreAndCacheMetrics() {
        given().queryParam("q", "What is ZeRO?").get("/api/search").then().statusCode(200);
        given().queryParam("q", "What is ZeRO?").get("/api/search").then().statusCode(200);
        given().queryParam("q", "What is ZeRO?")
                .queryParam("mode", "keyword")
                .get("/api/search")
                .then()
                .statusCode(200);
        given().get("/api/lectures/" + LECTURE + "/transcript?from=00:16:00&to=00:17:00")
                .then()
                .statusCode(200);
        given().get("/api/lectures/no-such-lecture").then().statusCode(404);
        given().contentType("application/json")
                .body("{\"query\":\"What is ZeRO?\"}")
                .post("/v1/vector_stores/all/search")
                .then()
                .statusCode(200);
        given().contentType("application/x-subrip")
                .body(chess())
                .put("/api/lectures/metrics-chess")
                .then()
                .statusCode(201);
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                root.toString().replaceAll("/$", ""))
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build()) {
            client.initialize();
            client.callTool(new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?")));
            assertThrows(RuntimeException.class, () -> client.callTool(new CallToolRequest("no_such_tool", Map.of())));
        }

        // Prometheus' text format (asked for as Prometheus asks; without it, OpenMetrics is served).
        String metrics = given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/plain"))
                .extract()
                .asString();

        // Requests per endpoint (templated, never a lecture id) and status, with latency buckets.
        assertSeries(
                metrics, "http_server_requests_seconds_bucket", "uri=\"/api/search\"", "status=\"200\"", "le=\"0.05\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/api/lectures/{id}/transcript\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/api/lectures/{id}\"", "status=\"404\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/v1/vector_stores/{vectorStoreId}/search\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/mcp\"");
        assertFalse(metrics.contains("no-such-lecture"), "no lecture id in a label");
        assertFalse(metrics.contains("metrics-chess"), "no lecture id in a label");
        assertFalse(metrics.contains("ZeRO"), "no query text in a label");
        // MCP tools by name; names Lectern does not have are folded into one series.
        assertSeries(metrics, "mcp_server_requests_tools_call_seconds_count", "tool_name=\"search_lecture\"");
        assertSeries(metrics, "mcp_server_requests_tools_call_seconds_count", "tool_name=\"unknown\"");
        assertFalse(metrics.contains("no_such_tool"));
        // The model, the store, ingest and the caches.
        assertSeries(metrics, "lectern_model_inference_seconds_count", "work=\"question\"");
        assertSeries(metrics, "lectern_model_inference_seconds_count", "work=\"passages\"");
        assertSeries(metrics, "lectern_model_queue_wait_seconds_count");
        assertSeries(metrics, "lectern_model_queue_depth");
        assertSeries(metrics, "lectern_model_running");
        assertSeries(metrics, "lectern_model_refusals_total");
        assertSeries(metrics, "lectern_store_search_seconds_bucket", "mode=\"hybrid\"", "store=\"embedded\"");
        assertSeries(metrics, "lectern_store_search_seconds_count", "mode=\"keyword\"");
        assertTrue(value(metrics, "lectern_store_lectures") >= 2, metrics);
        assertTrue(value(metrics, "lectern_store_passages") > 50, metrics);
        assertTrue(value(metrics, "lectern_ingest_lectures_total", "outcome=\"created\"") >= 1);
        assertTrue(value(metrics, "lectern_ingest_passages_total") >= 1);
        assertTrue(value(metrics, "lectern_ingest_audio_seconds_total") > 10);
        assertSeries(metrics, "lectern_ingest_lectures_total", "outcome=\"failed\"");
        for (String cache : List.of("question-vectors", "decoded-passages", "highlight-sentences")) {
            assertSeries(metrics, "cache_gets_total", "cache=\"" + cache + "\"", "result=\"hit\"");
            assertSeries(metrics, "cache_gets_total", "cache=\"" + cache + "\"", "result=\"miss\"");
        }
        assertTrue(
                value(metrics, "cache_gets_total", "cache=\"question-vectors\"", "result=\"hit\"") >= 1,
                "the repeated question came from the cache");
        assertSeries(metrics, "lectern_rate_limited_requests_total", "limit=\"searches\"");
    }

    private static byte[] chess() {
        try (java.io.InputStream in = MetricsTest.class.getResourceAsStream("/lectures/chess.srt")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tracingIsOffWithoutAnOtlpEndpoint() {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
    }

    /** Some line of the metric carries every one of the labels. */
    private static void assertSeries(String metrics, String name, String... labels) {
        assertTrue(line(metrics, name, labels) != null, name + " " + List.of(labels) + " in:\n" + metrics);
    }

    private static double value(String metrics, String name, String... labels) {
        String line = line(metrics, name, labels);
        assertTrue(line != null, name + " " + List.of(labels));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String line(String metrics, String name, String... labels) {
        Pattern start = Pattern.compile("^" + Pattern.quote(name) + "[{ ]");
        for (String line : metrics.split("\n")) {
            if (start.matcher(line).find() && List.of(labels).stream().allMatch(line::contains)) {
                return line;
            }
        }
        return null;
    }
}
