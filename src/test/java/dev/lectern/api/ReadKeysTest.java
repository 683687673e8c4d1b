package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With read keys set, nothing serves lecture content without a key: every route of the OpenAPI document, the MCP
 * endpoint and each of its tools are tried without a key, with a wrong key, with a read key and with a write key.
 */
@QuarkusTest
@TestProfile(ReadKeysTest.Private.class)
public class ReadKeysTest {

    public static final String READ_KEY = "reader-4f1c9a7e";
    static final String WRITE_KEY = "writer-b82d55e0";
    private static final String LECTURE = "cs25-ming-ding-multimodal-pretraining";
    /** Words that only lecture content contains: the lecture's id, its speaker, a misrecognised term in it. */
    private static final List<String> CONTENT = List.of(LECTURE, "Ming Ding", "Xero");

    public static class Private implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.auth.read-keys",
                    "another-reader-key," + READ_KEY,
                    "lectern.auth.write-keys",
                    WRITE_KEY,
                    "lectern.data-dir",
                    "target/test-data/read-keys-${quarkus.uuid}");
        }
    }

    @TestHTTPResource("/")
    URL root;

    /** A route of the OpenAPI document, made concrete. */
    record Route(String method, String template, String path) {
        boolean isWrite() {
            return !method.equals("get") && template.startsWith("/api/lectures");
        }
    }

    @Test
    void noRouteOfTheOpenApiDocumentServesContentWithoutAKey() {
        List<Route> routes = routes();
        assertTrue(routes.size() >= 12, "the walk covers the API: " + routes);
        assertTrue(routes.stream().anyMatch(r -> r.template().equals("/v1/vector_stores/{vectorStoreId}/search")));
        assertTrue(routes.stream().anyMatch(r -> r.template().equals("/api/lectures/{id}/transcript")));
        for (Route route : routes) {
            for (String authorization : new String[] {null, "Bearer wrong-key", "Basic " + READ_KEY, READ_KEY}) {
                Response response = send(route, authorization);
                assertEquals(401, response.statusCode(), route + " with " + authorization);
                assertEquals("application/problem+json", response.contentType(), route.toString());
                assertEquals("Bearer realm=\"lectern\"", response.header("WWW-Authenticate"), route.toString());
                assertNoContent(route, response);
            }
        }
    }

    @Test
    void readKeysReadAndWriteKeysAlsoWrite() {
        int served = 0;
        for (Route route : routes()) {
            Response asReader = send(route, "Bearer " + READ_KEY);
            if (route.isWrite()) {
                assertEquals(403, asReader.statusCode(), route + ": a read key may not write");
                assertNoContent(route, asReader);
            } else {
                assertNotEquals(401, asReader.statusCode(), route.toString());
                assertNotEquals(403, asReader.statusCode(), route.toString());
                if (route.method().equals("get") && asReader.statusCode() == 200) {
                    served++;
                }
            }
        }
        assertTrue(served >= 5, "reads with a read key are served: " + served);
        given().header("Authorization", "Bearer " + WRITE_KEY)
                .queryParam("q", "What is ZeRO?")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("results[0].lectureId", org.hamcrest.Matchers.equalTo(LECTURE));
        given().header("Authorization", "Bearer " + WRITE_KEY)
                .contentType("application/x-subrip")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/private-chess")
                .then()
                .statusCode(201);
        given().header("Authorization", "Bearer " + WRITE_KEY)
                .delete("/api/lectures/private-chess")
                .then()
                .statusCode(204);
    }

    @Test
    void theMcpEndpointAndEveryToolNeedAKey() {
        List<McpSchema.Tool> tools;
        try (McpSyncClient client = mcp("Bearer " + READ_KEY)) {
            client.initialize();
            tools = client.listTools().tools();
            CallToolResult found =
                    client.callTool(new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?", "k", 1)));
            assertFalse(Boolean.TRUE.equals(found.isError()), "a read key searches over MCP");
        }
        assertTrue(tools.size() >= 3, tools.toString());
        for (String authorization : new String[] {null, "Bearer wrong-key"}) {
            for (McpSchema.Tool tool : tools) {
                Response response = mcpPost(
                        authorization,
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\""
                                + tool.name() + "\",\"arguments\":{\"query\":\"What is ZeRO?\",\"lectureId\":\""
                                + LECTURE + "\",\"from\":\"00:16:00\",\"to\":\"00:17:00\"}}}");
                assertEquals(401, response.statusCode(), tool.name() + " with " + authorization);
                assertNoContent(new Route("post", "/mcp " + tool.name(), "/mcp"), response);
            }
            Response initialize = mcpPost(
                    authorization,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertEquals(401, initialize.statusCode());
            assertEquals(401, request(authorization).get("/mcp").statusCode());
            assertEquals(401, request(authorization).get("/mcp/sse").statusCode());
        }
        try (McpSyncClient anonymous = mcp(null)) {
            assertThrows(RuntimeException.class, anonymous::initialize, "an MCP host without the key is refused");
        }
    }

    @Test
    void openAiClientsGetTheirErrorMember() {
        given().contentType("application/json")
                .body("{\"query\":\"What is ZeRO?\"}")
                .post("/v1/vector_stores/all/search")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("error.code", org.hamcrest.Matchers.equalTo("invalid_api_key"))
                .body("error.message", org.hamcrest.Matchers.containsString("read key"));
    }

    @Test
    void thePageHealthAndMetricsStayOpen() {
        given().get("/").then().statusCode(200);
        given().get("/app.js").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void pathTricksDoNotSlipPast() {
        for (String path : List.of(
                "//api/search",
                "/api/./search",
                "/x/../api/search",
                "/%61pi/search",
                "/q/../api/search",
                "/q/%2e%2e/api/search",
                "/api/lectures/",
                "/api/")) {
            Response response =
                    given().urlEncodingEnabled(false).queryParam("q", "ZeRO").get(path);
            assertNotEquals(200, response.statusCode(), path);
            assertNoContent(new Route("get", path, path), response);
        }
    }

    /** Every operation of the OpenAPI document, with path parameters filled in. */
    private List<Route> routes() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        List<Route> routes = new ArrayList<>();
        paths.forEach((template, operations) -> {
            for (String method : operations.keySet()) {
                if (List.of("get", "post", "put", "delete", "patch", "head").contains(method)) {
                    String path = template.replace("{vectorStoreId}", "all").replaceAll("\\{[^}]+}", LECTURE);
                    routes.add(new Route(method, template, path));
                }
            }
        });
        return routes;
    }

    /** A request each route accepts: the query parameters and body fields any of them may need. */
    private static Response send(Route route, String authorization) {
        RequestSpecification request = request(authorization)
                .queryParam("q", "What is ZeRO?")
                .queryParam("question", "What is ZeRO?")
                .queryParam("from", "00:16:00")
                .queryParam("to", "00:17:00");
        if (!route.method().equals("get") && !route.method().equals("delete")) {
            request = request.contentType("application/json")
                    .body("{\"question\":\"What is ZeRO?\",\"query\":\"What is ZeRO?\",\"title\":\"A talk\","
                            + "\"transcript\":\"1\\n00:00:01,000 --> 00:00:02,000\\nHello\\n\"}");
        }
        return request.request(route.method().toUpperCase(java.util.Locale.ROOT), route.path());
    }

    private static RequestSpecification request(String authorization) {
        RequestSpecification request = given().redirects().follow(false);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Response mcpPost(String authorization, String body) {
        return request(authorization)
                .contentType("application/json")
                .accept("application/json, text/event-stream")
                .body(body)
                .post("/mcp");
    }

    private McpSyncClient mcp(String authorization) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        if (authorization != null) {
            requests.header("Authorization", authorization);
        }
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                root.toString().replaceAll("/$", ""))
                        .endpoint("/mcp")
                        .requestBuilder(requests)
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static void assertNoContent(Route route, Response response) {
        String body = response.asString();
        for (String content : CONTENT) {
            assertFalse(body.contains(content), route + " leaked '" + content + "': " + body);
        }
    }
}
