package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lectern configured for a Qdrant that is not there (a local port nothing listens on): it still starts and is
 * live, reports not ready naming Qdrant, and answers searches and writes with 503 problem+json and
 * {@code Retry-After}.
 */
@QuarkusTest
@TestProfile(QdrantUnreachableTest.NoQdrant.class)
class QdrantUnreachableTest {

    /** Points the Qdrant store at a port that was free a moment ago. */
    public static final class NoQdrant implements QuarkusTestProfile {

        static final int PORT = closedPort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.store", "qdrant",
                    "lectern.qdrant.host", "localhost",
                    "lectern.qdrant.port", Integer.toString(PORT),
                    "lectern.qdrant.timeout", "1s",
                    "lectern.qdrant.retries", "1",
                    "lectern.qdrant.retry-backoff", "50ms");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String QDRANT = "Qdrant at localhost:" + NoQdrant.PORT;

    @TestHTTPResource("/")
    URL root;

    @Test
    void startsAndIsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void notReadyNamingQdrant() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.store", equalTo(QDRANT))
                .body("checks[0].data.reason", containsString("UNAVAILABLE"));
    }

    @Test
    void searchAnswers503ProblemWithRetryAfter() {
        given().queryParam("q", "What is ZeRO?")
                .get("/api/search")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Store unavailable"))
                .body("detail", containsString(QDRANT + " is unavailable"))
                .body("detail", containsString("nothing was changed"));
    }

    @Test
    void askAnswers503() {
        given().contentType("application/json")
                .body("{\"question\": \"What is ZeRO?\"}")
                .post("/api/ask")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5");
    }

    @Test
    void ingestAnswers503ProblemWithRetryAfter() {
        given().contentType("text/vtt")
                .queryParam("title", "Volcanoes 101")
                .body(TestLectures.bytes("volcanoes.vtt"))
                .put("/api/lectures/volcanoes")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("detail", containsString(QDRANT));
        given().get("/api/lectures").then().statusCode(503).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void mcpToolsReportTheOutageAsToolErrors() {
        String base = root.toString().replaceAll("/$", "");
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        try {
            client.initialize();
            for (CallToolRequest call : List.of(
                    new CallToolRequest("list_lectures", Map.of()),
                    new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?")))) {
                CallToolResult result = client.callTool(call);
                assertTrue(Boolean.TRUE.equals(result.isError()), call + " is a tool error, not a protocol error");
                String text = ((TextContent) result.content().get(0)).text();
                assertTrue(text.startsWith(QDRANT + " is unavailable"), text);
                assertTrue(text.contains("call the tool again"), text);
            }
        } finally {
            client.closeGracefully();
        }
    }
}
