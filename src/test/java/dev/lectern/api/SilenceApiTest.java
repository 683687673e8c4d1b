package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result is cited where its words are said, even after a long silence. */
@QuarkusTest
class SilenceApiTest {

    private static final String SRT = """
            1
            00:00:00,000 --> 00:00:06,000
            Good morning, and welcome to the course on distributed systems.

            2
            00:02:10,000 --> 00:02:20,000
            Lamport clocks order events by attaching a counter that every message carries and every process increments.
            """;

    @Test
    void answerSaidAfterATwoMinuteSilenceIsCitedAtItsOwnTime() {
        given().contentType("application/x-subrip")
                .body(SRT.getBytes(StandardCharsets.UTF_8))
                .put("/api/lectures/silence-srt")
                .then()
                .statusCode(201);
        try {
            JsonPath search = given().queryParam("q", "How do Lamport clocks order events?")
                    .queryParam("lecture", "silence-srt")
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> results = search.getList("results");
            org.junit.jupiter.api.Assertions.assertEquals(130.0, search.getDouble("results[0].startSeconds"));
            org.junit.jupiter.api.Assertions.assertEquals(140.0, search.getDouble("results[0].endSeconds"));
            org.junit.jupiter.api.Assertions.assertEquals(2, results.size(), "one passage on each side: " + results);
            given().contentType("application/json")
                    .body(Map.of("question", "How do Lamport clocks order events?", "lectureId", "silence-srt"))
                    .post("/api/ask")
                    .then()
                    .statusCode(200)
                    .body("answer.startSeconds", equalTo(130.0f));
        } finally {
            given().delete("/api/lectures/silence-srt");
        }
    }
}
