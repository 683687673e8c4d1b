package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Errors raised below the REST resources, by the HTTP server and its routes, are problem+json with a detail a
 * person can act on: a URI or headers over Lectern's limits, and the MCP endpoint's HTTP errors.
 */
@QuarkusTest
class HttpLayerProblemsTest {

    @Test
    void aUriOverTheLimitIs414NamingItAndTheWayAround() {
        given().queryParam("q", "a".repeat(17_000))
                .get("/api/search")
                .then()
                .statusCode(414)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(414))
                .body(
                        "detail",
                        allOf(
                                containsString("lectern.http.max-uri-length"),
                                containsString("16384"),
                                containsString("POST /api/ask")));
    }

    @Test
    void aLongQuestionInTheUriIsNamedByItsOwnLimit() {
        given().queryParam("q", "a".repeat(5_000))
                .get("/api/search")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("q"))
                .body("detail", containsString("lectern.search.max-query-length"));
    }

    @Test
    void headersOverTheLimitAre431NamingTheLargest() {
        given().header("X-Oversized", "a".repeat(30_000))
                .get("/api/info")
                .then()
                .statusCode(431)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", allOf(containsString("lectern.http.max-header-size"), containsString("X-Oversized")));
    }

    @Test
    void mcpHttpErrorsSayWhatTheClientMustSend() {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        given().contentType("application/json")
                .accept("application/json")
                .body(list)
                .post("/mcp")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Accept: application/json, text/event-stream"));
        given().contentType("application/json")
                .accept("application/json, text/event-stream")
                .header("Mcp-Session-Id", "no-such-session")
                .body(list)
                .post("/mcp")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", allOf(containsString("no-such-session"), containsString("initialize")));
        given().get("/mcp")
                .then()
                .statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Mcp-Session-Id"));
    }
}
