package dev.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service across restarts, on one data directory: the first start indexes the default lecture,
 * later starts reuse the index, and a changed embedding recipe is re-embedded or refused as configured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final Duration READY_LIMIT = Duration.ofMinutes(3);
    private static final String LECTURE = "/api/lectures/cs25-ming-ding-multimodal-pretraining";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static String firstIngestedAt;
    private static int firstPassages;
    private static JsonNode firstChapters;

    @Test
    @Order(1)
    void firstStartIndexesTheDefaultLecture() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(dataDir)) {
            Duration ready = lectern.awaitReady(READY_LIMIT);
            System.out.println(
                    "Time to ready, empty data directory (default lecture indexed): " + ready.toMillis() + " ms");
            JsonNode lecture = JSON.readTree(lectern.get(LECTURE).body());
            firstIngestedAt = lecture.get("ingestedAt").asText();
            firstPassages = lecture.get("passages").asInt();
            assertTrue(firstPassages > 50);
            assertTrue(lectern.log().contains("Indexed lecture 'cs25-ming-ding-multimodal-pretraining'"));
            assertZeroIsFound(lectern);
            firstChapters = JSON.readTree(lectern.get(LECTURE + "/chapters").body());
            assertEquals("computed", firstChapters.get("source").asText());
            assertTrue(firstChapters.get("chapters").size() >= 5, firstChapters.toString());
        }
    }

    @Test
    @Order(2)
    void restartReusesTheIndexWithoutEmbeddingAgain() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(dataDir)) {
            Duration ready = lectern.awaitReady(READY_LIMIT);
            System.out.println("Time to ready, existing index: " + ready.toMillis() + " ms");
            JsonNode lecture = JSON.readTree(lectern.get(LECTURE).body());
            assertEquals(firstIngestedAt, lecture.get("ingestedAt").asText());
            assertFalse(lectern.log().contains("Indexed lecture"), "a restart must not embed again");
            assertZeroIsFound(lectern);
            assertEquals(
                    firstChapters,
                    JSON.readTree(lectern.get(LECTURE + "/chapters").body()),
                    "same chapters");
            assertFalse(lectern.log().contains("Computed the chapters"), "nothing to recompute");
        }
    }

    @Test
    @Order(3)
    void changedChapterSettingsRecomputeChaptersAndProvidedOnesSurviveRestarts() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(dataDir, "-Dlectern.chapters.min-duration=4m")) {
            lectern.awaitReady(READY_LIMIT);
            assertTrue(lectern.log().contains("Computed the chapters of lecture"), "settings changed");
            JsonNode chapters =
                    JSON.readTree(lectern.get(LECTURE + "/chapters").body()).get("chapters");
            for (JsonNode chapter : chapters) {
                double length = chapter.get("endSeconds").asDouble()
                        - chapter.get("startSeconds").asDouble();
                assertTrue(length >= 240, "a chapter of " + length + " s with a 4-minute minimum");
            }
            String provided = "[{\"start\": \"00:00:00\", \"title\": \"Opening\"},"
                    + " {\"start\": \"00:40:00\", \"title\": \"Second half\"}]";
            assertEquals(
                    200,
                    lectern.put(LECTURE + "/chapters", "application/json", provided)
                            .statusCode());
        }
        try (LecternProcess lectern = LecternProcess.start(dataDir)) {
            lectern.awaitReady(READY_LIMIT);
            JsonNode outline = JSON.readTree(lectern.get(LECTURE + "/chapters").body());
            assertEquals("provided", outline.get("source").asText(), "provided chapters survive restarts");
            assertEquals(
                    "Second half", outline.get("chapters").get(1).get("title").asText());
            assertFalse(lectern.log().contains("Computed the chapters"), "provided chapters are not recomputed");
        }
    }

    @Test
    @Order(4)
    void refusesAnIndexOfAnotherRecipeWhenToldToFail() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(
                dataDir,
                "-Dlectern.passages.target-tokens=64",
                "-Dlectern.passages.overlap-tokens=16",
                "-Dlectern.embedding.on-recipe-change=fail")) {
            assertNotEquals(0, lectern.awaitExit(READY_LIMIT));
            String log = lectern.log();
            assertTrue(log.contains("lectern.embedding.on-recipe-change=reembed"), log);
        }
    }

    @Test
    @Order(5)
    void reembedsAnIndexOfAnotherRecipe() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(
                dataDir, "-Dlectern.passages.target-tokens=64", "-Dlectern.passages.overlap-tokens=16")) {
            lectern.awaitReady(READY_LIMIT);
            assertTrue(lectern.log().contains("re-embedding every lecture"));
            JsonNode lecture = JSON.readTree(lectern.get(LECTURE).body());
            assertTrue(lecture.get("passages").asInt() > firstPassages, "smaller passages, more of them");
            assertEquals(firstIngestedAt, lecture.get("ingestedAt").asText(), "same lecture version, new vectors");
            assertZeroIsFound(lectern);
            assertEquals(
                    "provided",
                    JSON.readTree(lectern.get(LECTURE + "/chapters").body())
                            .get("source")
                            .asText(),
                    "re-embedding keeps provided chapters: the text is the same");
        }
    }

    @Test
    @Order(6)
    void invalidSettingsStopTheStartWithTheKeyAtFault() throws Exception {
        try (LecternProcess lectern = LecternProcess.start(dataDir, "-Dlectern.passages.overlap-tokens=500")) {
            assertNotEquals(0, lectern.awaitExit(READY_LIMIT));
            String log = lectern.log();
            assertTrue(log.contains("lectern.passages.overlap-tokens"), log);
        }
    }

    private static void assertZeroIsFound(LecternProcess lectern) throws Exception {
        JsonNode results = JSON.readTree(
                        lectern.get("/api/search?q=" + URLEncoder.encode("What is ZeRO?", StandardCharsets.UTF_8))
                                .body())
                .get("results");
        double start = results.get(0).get("startSeconds").asDouble();
        double end = results.get(0).get("endSeconds").asDouble();
        assertTrue(start < 19 * 60 + 30 && end > 16 * 60 + 26, "top result at " + start + "-" + end);
    }
}
