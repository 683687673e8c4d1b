package dev.lectern.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lectern as an MCP host sees it, through the official MCP Java SDK over Streamable HTTP. */
@QuarkusTest
class McpToolsTest {

    private static final String LECTURE = "cs25-ming-ding-multimodal-pretraining";

    @TestHTTPResource("/")
    URL root;

    private McpSyncClient client;

    @BeforeEach
    void connect() {
        String base = root.toString().replaceAll("/$", "");
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    @Test
    void listsTheToolsWithSchemasAndThePrompt() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertEquals(
                List.of("get_outline", "get_transcript", "list_lectures", "search_lecture"),
                tools.stream().map(McpSchema.Tool::name).sorted().toList());
        McpSchema.Tool search = tools.stream()
                .filter(t -> t.name().equals("search_lecture"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("query"), search.inputSchema().get("required"));
        assertTrue(search.outputSchema() != null
                && search.outputSchema().toString().contains("results"));
        assertTrue(search.description().contains("[00:16:26]"), "the description teaches citing times");
        assertEquals(
                List.of("answer_with_citations"),
                client.listPrompts().prompts().stream()
                        .map(McpSchema.Prompt::name)
                        .toList());
    }

    @Test
    void getOutlineReturnsTheChaptersAsDataAndAsTimedLines() {
        client.listTools(); // the SDK checks structured content against the output schemas it has listed
        CallToolResult result = client.callTool(new CallToolRequest("get_outline", Map.of("lectureId", LECTURE)));
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> outline = (Map<String, Object>) result.structuredContent();
        assertEquals(LECTURE, outline.get("lectureId"));
        assertEquals("computed", outline.get("source"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> chapters = (List<Map<String, Object>>) outline.get("chapters");
        assertTrue(chapters.size() >= 5, chapters.toString());
        assertEquals("00:00:00", chapters.get(0).get("start"));
        String text = ((TextContent) result.content().get(0)).text();
        for (Map<String, Object> chapter : chapters) {
            assertTrue(
                    text.contains("[" + chapter.get("start") + "] " + chapter.get("title")),
                    "the text lists " + chapter.get("title") + " with its time:\n" + text);
        }

        CallToolResult unknown = client.callTool(new CallToolRequest("get_outline", Map.of("lectureId", "nope")));
        assertTrue(Boolean.TRUE.equals(unknown.isError()));
        assertTrue(((TextContent) unknown.content().get(0)).text().contains("list_lectures"));
    }

    @Test
    void searchResultsNameTheirChapter() {
        CallToolResult result = client.callTool(
                new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?", "k", 3, "lectureId", LECTURE)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results =
                (List<Map<String, Object>>) ((Map<String, Object>) result.structuredContent()).get("results");
        for (Map<String, Object> passage : results) {
            @SuppressWarnings("unchecked")
            Map<String, Object> chapter = (Map<String, Object>) passage.get("chapter");
            assertTrue(chapter != null && chapter.get("title") instanceof String, passage.toString());
            assertTrue(((TextContent) result.content().get(0)).text().contains((String) chapter.get("title")));
        }
    }

    @Test
    void searchLectureReturnsCitablePassages() {
        CallToolResult result = client.callTool(
                new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?", "k", 3, "lectureId", LECTURE)));
        assertFalse(Boolean.TRUE.equals(result.isError()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results =
                (List<Map<String, Object>>) ((Map<String, Object>) result.structuredContent()).get("results");
        assertEquals(3, results.size());
        Map<String, Object> first = results.get(0);
        assertEquals(LECTURE, first.get("lectureId"));
        double start = ((Number) first.get("startSeconds")).doubleValue();
        assertTrue(start >= 16 * 60 && start < 19 * 60 + 30, "ZeRO is explained 00:16:26-00:19:30, got " + start);
        String text = text(result);
        assertTrue(text.startsWith("[" + ((String) first.get("start")).substring(0, 8) + "–"), text);
        assertTrue(text.contains("Multimodal pre-training"), text);
    }

    @Test
    void listLecturesMatchesTheRestApi() {
        CallToolResult result = client.callTool(new CallToolRequest("list_lectures", Map.of()));
        assertFalse(Boolean.TRUE.equals(result.isError()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lectures =
                (List<Map<String, Object>>) ((Map<String, Object>) result.structuredContent()).get("lectures");
        Map<String, Object> lecture = lectures.stream()
                .filter(l -> LECTURE.equals(l.get("id")))
                .findFirst()
                .orElseThrow();
        assertTrue(lecture.keySet()
                .containsAll(List.of("id", "title", "sourceUrl", "passages", "durationSeconds", "ingestedAt")));
        assertTrue(text(result).contains(LECTURE));
    }

    @Test
    void getTranscriptReturnsTheWindowWithTimes() {
        CallToolResult result = client.callTool(
                new CallToolRequest("get_transcript", Map.of("lectureId", LECTURE, "from", "00:16:20", "to", "1000")));
        assertFalse(Boolean.TRUE.equals(result.isError()));
        String text = text(result);
        assertTrue(text.contains("[00:16:35] is from the paper called Xero from DeepSpeed group."), text);
    }

    @Test
    void badArgumentsAreToolErrorsAModelCanRead() {
        assertToolError(
                new CallToolRequest("search_lecture", Map.of("query", "ZeRO", "k", 50)), "k must be from 1 to 20");
        assertToolError(new CallToolRequest("search_lecture", Map.of("query", "  ")), "query must be");
        assertToolError(
                new CallToolRequest("search_lecture", Map.of("query", "ZeRO", "lectureId", "no-such-lecture")),
                "no lecture with id 'no-such-lecture'");
        assertToolError(
                new CallToolRequest("get_transcript", Map.of("lectureId", LECTURE, "from", "0", "to", "00:20:00")),
                "10 minutes");
        assertToolError(
                new CallToolRequest("get_transcript", Map.of("lectureId", LECTURE, "from", "soon", "to", "60")),
                "not a time");
        CallToolResult wrongType =
                client.callTool(new CallToolRequest("search_lecture", Map.of("query", "x", "k", "many")));
        assertTrue(Boolean.TRUE.equals(wrongType.isError()), "a mistyped argument is a tool error too");
    }

    @Test
    void thePromptAsksForCitedTimes() {
        McpSchema.GetPromptResult prompt = client.getPrompt(
                new McpSchema.GetPromptRequest("answer_with_citations", Map.of("question", "What is ZeRO?")));
        String text = ((TextContent) prompt.messages().get(0).content()).text();
        assertTrue(text.contains("search_lecture") && text.contains("[00:16:26]") && text.endsWith("What is ZeRO?"));
        assertTrue(text.contains("get_outline"), "the prompt points to the outline");
    }

    private void assertToolError(CallToolRequest request, String expected) {
        CallToolResult result = client.callTool(request);
        assertTrue(Boolean.TRUE.equals(result.isError()), request + " should be a tool error");
        assertTrue(text(result).contains(expected), text(result));
        assertNotEquals("", text(result));
    }

    private static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }
}
