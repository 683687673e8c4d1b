package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Adding, replacing, listing and deleting lectures through the HTTP API, then finding them. */
@QuarkusTest
class LectureApiTest {

    @Test
    void vttLectureIsFoundAtTheRightMoment() {
        given().contentType("text/vtt")
                .queryParam("title", "Volcanoes 101")
                .queryParam("sourceUrl", "https://www.youtube.com/watch?v=abc123")
                .body(TestLectures.bytes("volcanoes.vtt"))
                .put("/api/lectures/volcanoes")
                .then()
                .statusCode(201)
                .body("id", equalTo("volcanoes"))
                .body("title", equalTo("Volcanoes 101"))
                .body("durationSeconds", equalTo(176.0f));

        JsonPath result = search("How do scientists forecast that a volcano will erupt?", "volcanoes");
        double start = result.getDouble("results[0].startSeconds");
        double end = result.getDouble("results[0].endSeconds");
        assertTrue(start <= 168 && end >= 160, "expected 2:40-2:56, got " + start + "-" + end);
        assertEquals(
                "https://www.youtube.com/watch?v=abc123&t=" + (long) start + "s", result.getString("results[0].link"));
        assertTrue(result.getString("results[0].text").contains("earthquakes"));
    }

    @Test
    void srtLectureIsFoundAtTheRightMoment() {
        given().contentType("application/x-subrip")
                .queryParam("title", "A history of chess")
                .queryParam("sourceUrl", "https://media.example.org/chess.mp4")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/chess")
                .then()
                .statusCode(201);

        JsonPath result = search("When did a computer beat Kasparov?", "chess");
        double start = result.getDouble("results[0].startSeconds");
        double end = result.getDouble("results[0].endSeconds");
        assertTrue(start <= 70 && end >= 78, "expected 1:10-1:18, got " + start + "-" + end);
        assertEquals("https://media.example.org/chess.mp4#t=" + (long) start, result.getString("results[0].link"));
        assertTrue(result.getString("results[0].highlight").contains("Deep Blue"));
    }

    @Test
    void malformedTranscriptIsRejectedWithItsLineAndStoresNothing() {
        given().contentType("application/x-subrip")
                .queryParam("title", "Broken")
                .body(TestLectures.bytes("malformed.srt"))
                .put("/api/lectures/broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("line", equalTo(6))
                .body("field", equalTo("transcript"))
                .body("detail", containsString("line 6"));
        given().get("/api/lectures/broken").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/lectures").then().statusCode(200).body("id", not(hasItem("broken")));
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\ncaf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().contentType("text/vtt")
                .body(body)
                .put("/api/lectures/latin1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("UTF-8"))
                .body("line", equalTo(4));
    }

    @Test
    void reingestReplacesThePreviousVersion() {
        given().contentType("text/vtt")
                .queryParam("title", "Earth science")
                .body(TestLectures.bytes("volcanoes.vtt"))
                .put("/api/lectures/earth")
                .then()
                .statusCode(201);
        given().contentType("text/vtt")
                .body(TestLectures.bytes("volcanoes-v2.vtt"))
                .put("/api/lectures/earth")
                .then()
                .statusCode(200)
                .body("title", equalTo("Earth science"))
                .body("passages", equalTo(1))
                .body("durationSeconds", equalTo(16.0f));

        JsonPath result = search("subduction of tectonic plates", "earth");
        List<String> texts = result.getList("results.text", String.class);
        assertEquals(1, texts.size());
        assertTrue(texts.get(0).contains("glaciers"), texts.toString());
    }

    @Test
    void deleteRemovesTheLecture() {
        given().contentType("application/x-subrip")
                .queryParam("title", "Doomed")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/doomed")
                .then()
                .statusCode(201);
        given().delete("/api/lectures/doomed").then().statusCode(204);
        given().get("/api/lectures/doomed").then().statusCode(404);
        given().delete("/api/lectures/doomed").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("q", "Deep Blue")
                .queryParam("lecture", "doomed")
                .get("/api/search")
                .then()
                .statusCode(404);
    }

    @Test
    void postCreatesWithAGeneratedIdAndRefusesToOverwrite() {
        String transcript = new String(TestLectures.bytes("chess.srt"), java.nio.charset.StandardCharsets.UTF_8);
        String id = given().contentType("application/json")
                .body(Map.of("title", "Chess again", "transcript", transcript, "format", "srt"))
                .post("/api/lectures")
                .then()
                .statusCode(201)
                .body("title", equalTo("Chess again"))
                .extract()
                .path("id");
        given().get("/api/lectures/" + id).then().statusCode(200);
        given().contentType("application/json")
                .body(Map.of("id", id, "title", "Chess again", "transcript", transcript))
                .post("/api/lectures")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void twoConcurrentCreatesOfOneIdGiveOne201AndOne409() throws Exception {
        String transcript = new String(TestLectures.bytes("chess.srt"), java.nio.charset.StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = "race-" + round + "-" + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<io.restassured.response.Response>> posts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    posts.add(pool.submit(() -> {
                        start.await();
                        return given().contentType("application/json")
                                .body(Map.of("id", id, "title", "Chess race", "transcript", transcript))
                                .post("/api/lectures");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<io.restassured.response.Response> post : posts) {
                    Response response = post.get(120, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 409) {
                        assertEquals("application/problem+json", response.contentType());
                        assertTrue(response.jsonPath().getString("detail").contains(id), response.asString());
                    }
                }
                statuses.sort(null);
                assertEquals(List.of(201, 409), statuses, "round " + round + " of two creates of " + id);
                given().delete("/api/lectures/" + id).then().statusCode(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsInvalidFields() {
        given().contentType("application/json")
                .body(Map.of("id", "bad id!", "title", "x", "transcript", "WEBVTT\n"))
                .post("/api/lectures")
                .then()
                .statusCode(400)
                .body("field", equalTo("id"));
        given().contentType("application/json")
                .body(Map.of("transcript", "WEBVTT\n"))
                .post("/api/lectures")
                .then()
                .statusCode(400)
                .body("field", equalTo("title"));
        given().contentType("text/vtt")
                .queryParam("sourceUrl", "ftp://example.org/x")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/x")
                .then()
                .statusCode(400)
                .body("field", equalTo("sourceUrl"));
        given().contentType("text/plain")
                .queryParam("format", "docx")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/x")
                .then()
                .statusCode(400)
                .body("field", equalTo("format"))
                .body("detail", containsString("vtt"));
        given().contentType("text/plain")
                .body("   \n")
                .put("/api/lectures/x")
                .then()
                .statusCode(400);
        given().get("/api/lectures/x").then().statusCode(404);
    }

    @Test
    void unsupportedContentTypeIs415() {
        given().contentType("application/pdf")
                .body(new byte[] {1, 2, 3})
                .put("/api/lectures/pdf")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        given().contentType("text/plain")
                .body(huge)
                .put("/api/lectures/huge")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("lectern.max-transcript-bytes"));
    }

    @Test
    void listsLecturesWithTheirFields() {
        given().get("/api/lectures")
                .then()
                .statusCode(200)
                .body("id", hasItem(TestLectures.DEFAULT_LECTURE))
                .body(
                        "find { it.id == '" + TestLectures.DEFAULT_LECTURE + "' }.ingestedAt",
                        org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void servesTheTranscriptAroundAMoment() {
        given().queryParam("from", "00:16:20")
                .queryParam("to", "1000")
                .get("/api/lectures/" + TestLectures.DEFAULT_LECTURE + "/transcript")
                .then()
                .statusCode(200)
                .body("from", equalTo("00:16:20.000"))
                .body("toSeconds", equalTo(1000.0f))
                .body("segments[0].start", equalTo("00:16:18.400"))
                .body("text", containsString("Xero from DeepSpeed"));
        given().queryParam("from", "0")
                .queryParam("to", "00:10:01")
                .get("/api/lectures/" + TestLectures.DEFAULT_LECTURE + "/transcript")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("10 minutes"));
        given().queryParam("from", "soon")
                .queryParam("to", "60")
                .get("/api/lectures/" + TestLectures.DEFAULT_LECTURE + "/transcript")
                .then()
                .statusCode(400)
                .body("field", equalTo("from"));
        given().queryParam("from", "0")
                .queryParam("to", "60")
                .get("/api/lectures/nope/transcript")
                .then()
                .statusCode(404);
    }

    private static JsonPath search(String question, String lecture) {
        return given().queryParam("q", question)
                .queryParam("lecture", lecture)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
