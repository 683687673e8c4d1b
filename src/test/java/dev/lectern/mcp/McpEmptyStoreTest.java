package dev.lectern.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.clients.NodeScripts;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no lecture indexed, every tool result still validates: empty lists, not errors or missing content. */
@QuarkusTest
@TestProfile(McpEmptyStoreTest.NoLectures.class)
class McpEmptyStoreTest {

    /** Starts with an empty store. */
    public static class NoLectures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lectern.corpus.seed-on-empty-store", "false");
        }
    }

    static final Map<String, List<McpResultSchemaTest.Call>> CALLS = Map.of(
            "search_lecture",
            List.of(McpResultSchemaTest.Call.ok("a question", Map.of("query", "What is ZeRO?", "k", 20))),
            "list_lectures",
            List.of(McpResultSchemaTest.Call.ok("no arguments", Map.of())),
            "get_transcript",
            List.of(McpResultSchemaTest.Call.error(
                    "an unknown lecture", Map.of("lectureId", "no-such-lecture", "from", "0", "to", "60"))));

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyResultValidatesWithNothingIndexed() {
        McpSyncClient client = McpResultSchemaTest.connect(root);
        try {
            assertEquals(List.of(), McpResultSchemaTest.callEveryTool(client, CALLS));
            Map<String, Object> found = McpResultSchemaTest.structured(
                    client.callTool(new CallToolRequest("search_lecture", Map.of("query", "What is ZeRO?"))));
            assertEquals(Map.of("results", List.of()), found);
            assertEquals(
                    Map.of("lectures", List.of()),
                    McpResultSchemaTest.structured(client.callTool(new CallToolRequest("list_lectures", Map.of()))));
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void mcpTypeScriptSdkValidatesEveryResultWithNothingIndexed() {
        NodeScripts.Run run =
                NodeScripts.run(Map.of(), 300, "mcp-client.mjs", root.toString().replaceAll("/$", ""), "empty");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("\"failures\":0"), run.output());
    }
}
