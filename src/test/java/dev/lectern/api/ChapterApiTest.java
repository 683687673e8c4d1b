package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chapters through the HTTP API: the computed outline, chapters on every passage, provided chapters. */
@QuarkusTest
class ChapterApiTest {

    private static final String SAMPLE = TestLectures.DEFAULT_LECTURE;

    @Test
    void sampleLectureHasAComputedOutlineCoveringIt() {
        JsonPath outline = given().get("/api/lectures/" + SAMPLE + "/chapters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(SAMPLE, outline.getString("lectureId"));
        assertEquals("computed", outline.getString("source"));
        List<Map<String, Object>> chapters = outline.getList("chapters");
        assertTrue(chapters.size() >= 5, "an 80-minute talk in " + chapters.size() + " chapters");
        assertEquals(0.0f, ((Number) chapters.get(0).get("startSeconds")).floatValue());
        assertEquals("00:00:00.000", chapters.get(0).get("start"));
        double duration = given().get("/api/lectures/" + SAMPLE).jsonPath().getDouble("durationSeconds");
        assertEquals(duration, ((Number) chapters.get(chapters.size() - 1).get("endSeconds")).doubleValue(), 0.001);
        for (int i = 0; i < chapters.size(); i++) {
            Map<String, Object> chapter = chapters.get(i);
            assertEquals(i, chapter.get("index"));
            if (i > 0) {
                assertEquals(chapters.get(i - 1).get("end"), chapter.get("start"), "contiguous at chapter " + i);
            }
            String title = (String) chapter.get("title");
            assertTrue(!title.isBlank() && title.length() <= 60, title);
            List<?> keywords = (List<?>) chapter.get("keywords");
            assertTrue(keywords.size() >= 3 && keywords.size() <= 8, chapter.toString());
            assertTrue(chapter.containsKey("link") && chapter.get("link") == null, "no source URL, no link");
        }
    }

    @Test
    void everyPassageNamesItsChapterOnEverySurface() {
        JsonPath outline = given().get("/api/lectures/" + SAMPLE + "/chapters").jsonPath();
        List<Float> starts = outline.getList("chapters.startSeconds", Float.class);

        JsonPath search = given().queryParam("q", "How does ZeRO save GPU memory?")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertChaptersMatch(search, "results", outline, starts);

        JsonPath ask = given().contentType("application/json")
                .body(Map.of("question", "How does CogVLM add vision to a language model?"))
                .post("/api/ask")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertChaptersMatch(ask, "passages", outline, starts);

        JsonPath context = given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "k", 5))
                .post("/api/context")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertChaptersMatch(context, "citations", outline, starts);
    }

    /** Each passage's chapter is the one of the outline in which the passage starts. */
    private static void assertChaptersMatch(JsonPath body, String list, JsonPath outline, List<Float> starts) {
        List<Map<String, Object>> passages = body.getList(list);
        assertTrue(!passages.isEmpty(), list + " is empty");
        for (Map<String, Object> passage : passages) {
            if (!SAMPLE.equals(passage.get("lectureId"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> chapter = (Map<String, Object>) passage.get("chapter");
            assertNotNull(chapter, list + " passage without a chapter: " + passage);
            float start = ((Number) passage.get("startSeconds")).floatValue();
            int expected = 0;
            for (int i = 0; i < starts.size(); i++) {
                if (starts.get(i) <= start) {
                    expected = i;
                }
            }
            assertEquals(expected, chapter.get("index"), "chapter of the passage at " + start + " s");
            assertEquals(outline.getString("chapters[" + expected + "].title"), chapter.get("title"));
            assertEquals(starts.get(expected), ((Number) chapter.get("startSeconds")).floatValue());
        }
    }

    @Test
    void providedChaptersReplaceComputedOnesUntilTheTextChanges() {
        upload("volcanoes-outlined", "volcanoes.vtt");
        given().get("/api/lectures/volcanoes-outlined/chapters")
                .then()
                .statusCode(200)
                .body("source", equalTo("computed"))
                .body("chapters.size()", equalTo(1)); // 3 minutes: shorter than two 2-minute chapters

        given().contentType("application/json")
                .body(List.of(
                        Map.of("start", "00:00:00", "title", "How volcanoes form"),
                        Map.of("start", 120, "title", "Forecasting eruptions")))
                .put("/api/lectures/volcanoes-outlined/chapters")
                .then()
                .statusCode(200)
                .body("source", equalTo("provided"))
                .body("chapters[1].title", equalTo("Forecasting eruptions"))
                .body("chapters[1].start", equalTo("00:02:00.000"))
                .body("chapters[0].end", equalTo("00:02:00.000"))
                .body("chapters[1].link", equalTo("https://www.youtube.com/watch?v=abc123&t=120s"));

        JsonPath outline = given().get("/api/lectures/volcanoes-outlined/chapters")
                .then()
                .statusCode(200)
                .body("source", equalTo("provided"))
                .body("chapters[1].endSeconds", equalTo(176.0f))
                .extract()
                .jsonPath();
        assertTrue(outline.getList("chapters[1].keywords").size() >= 1, "keywords come from the chapter's text");

        JsonPath search = given().queryParam("q", "How do scientists forecast that a volcano will erupt?")
                .queryParam("lecture", "volcanoes-outlined")
                .get("/api/search")
                .jsonPath();
        assertEquals("Forecasting eruptions", search.getString("results[0].chapter.title"));
        assertEquals(1, search.getInt("results[0].chapter.index"));

        // The same transcript again keeps them; another text brings computed chapters back.
        upload("volcanoes-outlined", "volcanoes.vtt");
        given().get("/api/lectures/volcanoes-outlined/chapters").then().body("source", equalTo("provided"));
        upload("volcanoes-outlined", "volcanoes-v2.vtt");
        given().get("/api/lectures/volcanoes-outlined/chapters").then().body("source", equalTo("computed"));
    }

    @Test
    void acceptsAWebVttChaptersTrack() {
        upload("volcanoes-vtt-chapters", "volcanoes.vtt");
        String track = "WEBVTT\n\nintro\n00:00:00.000 --> 00:01:00.000\nWhere volcanoes are\n\n"
                + "00:01:00.000 --> 00:02:56.000\nPredicting eruptions\n";
        given().contentType("text/vtt")
                .body(track)
                .put("/api/lectures/volcanoes-vtt-chapters/chapters")
                .then()
                .statusCode(200)
                .body("source", equalTo("provided"))
                .body("chapters.title", equalTo(List.of("Where volcanoes are", "Predicting eruptions")))
                .body("chapters[1].startSeconds", equalTo(60.0f));
    }

    @Test
    void badChaptersAreRefusedNamingTheEntryOrLineAndChangeNothing() {
        upload("volcanoes-bad-chapters", "volcanoes.vtt");
        given().contentType("application/json")
                .body(List.of(
                        Map.of("start", "00:01:00", "title", "Later"), Map.of("start", "00:00:30", "title", "Earlier")))
                .put("/api/lectures/volcanoes-bad-chapters/chapters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("[1].start"))
                .body("detail", containsString("entry 2"));
        given().contentType("application/json")
                .body(List.of(Map.of("start", "1:xx", "title", "Broken time")))
                .put("/api/lectures/volcanoes-bad-chapters/chapters")
                .then()
                .statusCode(400)
                .body("field", equalTo("[0].start"))
                .body("detail", containsString("entry 1"));
        given().contentType("application/json")
                .body(List.of(Map.of("start", "00:10:00", "title", "After the end")))
                .put("/api/lectures/volcanoes-bad-chapters/chapters")
                .then()
                .statusCode(400)
                .body("detail", containsString("after the end of the lecture"));
        given().contentType("text/vtt")
                .body("WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nFine\n\n00:01:00.000 -> 00:02:00.000\nBroken arrow\n")
                .put("/api/lectures/volcanoes-bad-chapters/chapters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("line", equalTo(7));
        given().get("/api/lectures/volcanoes-bad-chapters/chapters").then().body("source", equalTo("computed"));
    }

    @Test
    void unknownLectureIsNotFound() {
        given().get("/api/lectures/no-such-lecture/chapters")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-lecture"));
        given().contentType("application/json")
                .body(List.of(Map.of("start", 0, "title", "Anything")))
                .put("/api/lectures/no-such-lecture/chapters")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", nullValue());
    }

    private static void upload(String id, String file) {
        given().contentType("text/vtt")
                .queryParam("title", "Volcanoes 101")
                .queryParam("sourceUrl", "https://www.youtube.com/watch?v=abc123")
                .body(TestLectures.bytes(file))
                .put("/api/lectures/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }
}
