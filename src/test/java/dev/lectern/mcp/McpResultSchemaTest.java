package dev.lectern.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every result of every tool that {@code tools/list} names validates against the tool's declared output schema,
 * checked in Java with a JSON Schema validator, for a lecture without a source URL (the bundled one) and one with
 * it. A tool added later is covered once its calls are added to {@link #CALLS}; until then this test fails.
 */
@QuarkusTest
class McpResultSchemaTest {

    static final String UNLINKED = "cs25-ming-ding-multimodal-pretraining";
    static final String LINKED = "mcp-schema-volcanoes";

    /** How each tool is called: normal, edge and wrong arguments, and whether a result or a tool error is due. */
    static final Map<String, List<Call>> CALLS = Map.of(
            "search_lecture",
            List.of(
                    Call.ok("a question", Map.of("query", "What is ZeRO?", "k", 3)),
                    Call.ok("the largest k", Map.of("query", "attention", "k", 20)),
                    Call.ok(
                            "k = 1 in a lecture without a link",
                            Map.of("query", "ZeRO", "k", 1, "lectureId", UNLINKED)),
                    Call.ok("a lecture with a link", Map.of("query", "volcano", "k", 2, "lectureId", LINKED)),
                    Call.ok("a 1000-character query", Map.of("query", "w".repeat(1000))),
                    Call.ok("non-Latin text", Map.of("query", "Что такое ZeRO? 零冗余优化器 🚀")),
                    Call.error("a blank query", Map.of("query", " ")),
                    Call.error("a 1001-character query", Map.of("query", "w".repeat(1001))),
                    Call.error("k = 0", Map.of("query", "x", "k", 0)),
                    Call.error("k = 21", Map.of("query", "x", "k", 21)),
                    Call.error("an unknown lecture", Map.of("query", "x", "lectureId", "no-such-lecture"))),
            "list_lectures",
            List.of(Call.ok("no arguments", Map.of())),
            "get_transcript",
            List.of(
                    Call.ok("ten minutes", Map.of("lectureId", UNLINKED, "from", "00:16:00", "to", "00:26:00")),
                    Call.ok("seconds", Map.of("lectureId", LINKED, "from", "0", "to", "30")),
                    Call.ok("after the end", Map.of("lectureId", UNLINKED, "from", "09:00:00", "to", "09:05:00")),
                    Call.error("over ten minutes", Map.of("lectureId", UNLINKED, "from", "0", "to", "00:20:00")),
                    Call.error("an unknown lecture", Map.of("lectureId", "no-such-lecture", "from", "0", "to", "1"))));

    record Call(String label, Map<String, Object> arguments, boolean ok) {
        static Call ok(String label, Map<String, Object> arguments) {
            return new Call(label, arguments, true);
        }

        static Call error(String label, Map<String, Object> arguments) {
            return new Call(label, arguments, false);
        }
    }

    @TestHTTPResource("/")
    URL root;

    private McpSyncClient client;

    @BeforeEach
    void connect() {
        given().contentType("text/vtt")
                .body(resource("/lectures/volcanoes.vtt"))
                .queryParam("title", "Volcanoes")
                .queryParam("sourceUrl", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
                .put("/api/lectures/" + LINKED)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        client = connect(root);
    }

    @AfterEach
    void close() {
        client.closeGracefully();
        given().delete("/api/lectures/" + LINKED).then().statusCode(204);
    }

    static McpSyncClient connect(URL root) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                root.toString().replaceAll("/$", ""))
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    @Test
    void everyToolDeclaresEveryPropertyRequiredAndNoOther() {
        for (McpSchema.Tool tool : client.listTools().tools()) {
            assertNotNull(tool.outputSchema(), tool.name() + " declares no output schema");
            assertEquals(
                    List.of(),
                    OutputSchemaCheck.ruleViolations(tool.outputSchema()),
                    tool.name() + ": generate its output schema with ToolOutputSchemas");
        }
    }

    @Test
    void everyResultOfEveryToolValidatesAgainstItsOutputSchema() {
        List<String> failures = callEveryTool(client, CALLS);
        assertEquals(List.of(), failures);
    }

    @Test
    void absentValuesAreNullAndDeclaredNullable() {
        Map<String, Object> lectures = structured(client.callTool(new CallToolRequest("list_lectures", Map.of())));
        Map<String, Object> unlinked = lecture(lectures, UNLINKED);
        assertTrue(unlinked.containsKey("sourceUrl"), "sourceUrl is present");
        assertNull(unlinked.get("sourceUrl"));
        assertEquals(
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                lecture(lectures, LINKED).get("sourceUrl"));

        Map<String, Object> found = structured(client.callTool(
                new CallToolRequest("search_lecture", Map.of("query", "ZeRO", "k", 1, "lectureId", UNLINKED))));
        Map<String, Object> passage = first(found, "results");
        assertTrue(passage.containsKey("link") && passage.get("link") == null, passage.toString());
        Map<String, Object> linked = first(
                structured(client.callTool(new CallToolRequest(
                        "search_lecture", Map.of("query", "volcano", "k", 1, "lectureId", LINKED)))),
                "results");
        assertTrue(((String) linked.get("link")).startsWith("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t="));

        McpSchema.Tool search = client.listTools().tools().stream()
                .filter(t -> t.name().equals("search_lecture"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                search.outputSchema().toString().contains("link={type=[string, null]}"),
                search.outputSchema().toString());
    }

    /**
     * Calls every tool {@code tools/list} names with its calls from {@code calls} and with no arguments; returns
     * what went wrong: a tool without calls, a result that does not validate, an outcome other than expected.
     */
    static List<String> callEveryTool(McpSyncClient client, Map<String, List<Call>> calls) {
        List<String> failures = new ArrayList<>();
        for (McpSchema.Tool tool : client.listTools().tools()) {
            List<Call> toolCalls = calls.get(tool.name());
            if (toolCalls == null) {
                failures.add(tool.name() + ": no calls listed; add them to McpResultSchemaTest.CALLS");
                continue;
            }
            Object required = tool.inputSchema().get("required");
            boolean needsArguments = required instanceof List<?> list && !list.isEmpty();
            List<Call> all = new ArrayList<>();
            all.add(new Call("no arguments at all", Map.of(), !needsArguments));
            all.addAll(toolCalls);
            for (Call call : all) {
                String name = tool.name() + " with " + call.label();
                CallToolResult result = client.callTool(new CallToolRequest(tool.name(), call.arguments()));
                boolean isError = Boolean.TRUE.equals(result.isError());
                if (call.ok() == isError) {
                    failures.add(
                            name + ": expected " + (call.ok() ? "a result" : "a tool error") + ", got " + text(result));
                } else if (isError && text(result).isBlank()) {
                    failures.add(name + ": a tool error without a message");
                } else if (!isError) {
                    if (result.structuredContent() == null) {
                        failures.add(name + ": no structuredContent");
                    } else {
                        OutputSchemaCheck.violations(tool.outputSchema(), result.structuredContent())
                                .forEach(v -> failures.add(name + ": " + v));
                    }
                }
            }
        }
        return failures;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
        return new LinkedHashMap<>((Map<String, Object>) result.structuredContent());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lecture(Map<String, Object> lectures, String id) {
        return ((List<Map<String, Object>>) lectures.get("lectures"))
                .stream()
                        .filter(l -> id.equals(l.get("id")))
                        .findFirst()
                        .orElseGet(() -> fail("no lecture " + id + " in " + lectures));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> content, String list) {
        return ((List<Map<String, Object>>) content.get(list)).get(0);
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    static byte[] resource(String path) {
        try (InputStream in = McpResultSchemaTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
