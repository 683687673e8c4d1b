package dev.lectern.clients;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import org.hamcrest.Matchers;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lectern through the official Node.js clients, as hosts and assistants written in TypeScript and JavaScript run
 * them: the MCP TypeScript SDK (every tool and prompt, each result validated by the SDK against the tool's output
 * schema) and the OpenAI Node SDK ({@code vectorStores.list} and {@code vectorStores.search}). The scripts are in
 * {@code src/test/node}; a failing check there fails this test with the script's output.
 */
@QuarkusTest
class NodeClientsTest {

    static final String UNLINKED = "cs25-ming-ding-multimodal-pretraining";
    static final String LINKED = "node-clients-volcanoes";
    static final Map<String, String> LECTURES = Map.of("LECTURE_WITHOUT_LINK", UNLINKED, "LECTURE_WITH_LINK", LINKED);

    private static final Logger LOG = Logger.getLogger(NodeClientsTest.class);

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void addALectureWithASourceUrl() {
        given().contentType("text/vtt")
                .body(bytes("/lectures/volcanoes.vtt"))
                .queryParam("title", "Volcanoes")
                .queryParam("sourceUrl", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
                .put("/api/lectures/" + LINKED)
                .then()
                .statusCode(Matchers.oneOf(200, 201));
    }

    @AfterEach
    void removeIt() {
        given().delete("/api/lectures/" + LINKED).then().statusCode(204);
    }

    @Test
    void mcpTypeScriptSdkCallsEveryToolAndPromptAndEveryResultValidates() {
        NodeScripts.Run run = NodeScripts.run(LECTURES, 300, "mcp-client.mjs", base(), "seeded");
        LOG.info("MCP TypeScript SDK:\n" + run.output());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("\"failures\":0"), run.output());
        assertTrue(run.output().contains("\"search_lecture\""), run.output());
    }

    @Test
    void openAiNodeSdkListsAndSearchesVectorStores() {
        NodeScripts.Run run = NodeScripts.run(LECTURES, 300, "openai-client.mjs", base());
        LOG.info("OpenAI Node SDK:\n" + run.output());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("\"failures\":0"), run.output());
    }

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    static byte[] bytes(String path) {
        try (InputStream in = NodeClientsTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
