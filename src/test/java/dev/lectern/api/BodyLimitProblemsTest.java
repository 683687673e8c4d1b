package dev.lectern.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bodies over the limits get problem+json 413s whichever layer stops them: the declared length (before reading),
 * a body sent without a length to a REST endpoint (while reading), and one sent to the MCP endpoint, a Vert.x
 * route whose body handler stops at {@code quarkus.http.limits.max-body-size}. Small limits keep the test fast.
 */
@QuarkusTest
@TestProfile(BodyLimitProblemsTest.SmallLimits.class)
class BodyLimitProblemsTest {

    /** 64 KiB for Lectern, 256 KiB for the HTTP layer. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.max-transcript-bytes", "64K",
                    "quarkus.http.limits.max-body-size", "256K",
                    "lectern.corpus.seed-on-empty-store", "false");
        }
    }

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
        HttpResponse<String> response = send("/api/ask", "application/json", question(100_000), true);
        assertProblem(response, 413, "the limit is 65536 bytes (lectern.max-transcript-bytes)");
    }

    @Test
    void aStreamedBodyOverTheLimitIs413WhileItIsRead() throws Exception {
        for (String path : new String[] {"/api/ask", "/api/context", "/v1/vector_stores/all/search"}) {
            HttpResponse<String> response = send(path, "application/json", question(100_000), false);
            assertProblem(response, 413, "over 65536 bytes, the limit (lectern.max-transcript-bytes)");
        }
        byte[] transcript =
                ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "word ".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(uri("/api/lectures/too-long?title=T"))
                        .header("Content-Type", "text/vtt")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(transcript)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(upload, 413, "lectern.max-transcript-bytes");
    }

    @Test
    void aStreamedBodyOverTheHttpLimitOnTheMcpRouteIs413() throws Exception {
        String message = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(300_000) + "\"}}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413, "quarkus.http.limits.max-body-size");
    }

    private HttpResponse<String> send(String path, String type, String body, boolean withLength)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = withLength
                ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", type)
                        .POST(publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String question(int length) {
        return "{\"question\": \"" + "q".repeat(length) + "\"}";
    }

    private URI uri(String path) {
        return URI.create(root.toString().replaceAll("/$", "") + path);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                Problem.MEDIA_TYPE,
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains(detail), response.body());
    }
}
