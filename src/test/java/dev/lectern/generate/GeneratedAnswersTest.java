package dev.lectern.generate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers written by an OpenAI-compatible model (a fake one the test starts), with checked citations. */
@QuarkusTest
@TestProfile(GeneratedAnswersTest.WithModel.class)
@QuarkusTestResource(value = FakeOpenAiServer.class, restrictToAnnotatedClass = true)
class GeneratedAnswersTest {

    public static class WithModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lectern.data-dir", "target/test-data/llm-${quarkus.uuid}");
        }
    }

    @Test
    void writesAnAnswerFromTheRetrievedPassagesOnly() {
        FakeOpenAiServer.REQUESTS.clear();
        JsonPath body = given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "k", 3, "generate", true))
                .post("/api/ask")
                .then()
                .statusCode(200)
                .body("answer.generated", equalTo(true))
                .extract()
                .jsonPath();
        assertEquals(1, FakeOpenAiServer.REQUESTS.size());
        JsonNode request = FakeOpenAiServer.REQUESTS.get(0);
        assertEquals("fake-model", request.get("model").asText());
        String prompt = request.get("messages").get(1).get("content").asText();
        assertTrue(prompt.startsWith("Question: What is ZeRO?"));
        List<String> passages = body.getList("passages.text", String.class);
        for (int i = 0; i < passages.size(); i++) {
            assertTrue(prompt.contains("[" + (i + 1) + "] "), "passage " + (i + 1) + " numbered in the prompt");
            assertTrue(prompt.contains(passages.get(i)), "passage " + (i + 1) + " in the prompt");
        }
        assertFalse(prompt.contains("[" + (passages.size() + 1) + "] "), "nothing but the retrieved passages");
    }

    @Test
    void removesCitationsToTimesNoPassageCovers() {
        JsonPath body = given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "k", 3, "generate", true))
                .post("/api/ask")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String text = body.getString("answer.text");
        String firstStart = body.getString("passages[0].start").substring(0, 8);
        assertTrue(text.contains("[" + firstStart + "]"), text);
        assertFalse(text.contains(FakeOpenAiServer.INVALID_CITATION), text);
        assertEquals(List.of(FakeOpenAiServer.INVALID_CITATION), body.getList("answer.removedCitations", String.class));
        assertEquals(body.getString("passages[0].start"), body.getString("answer.start"));
    }

    @Test
    void streamsTheAnswerAsServerSentEvents() {
        String events = given().accept("text/event-stream")
                .queryParam("question", "What is ZeRO?")
                .queryParam("k", 3)
                .get("/api/ask/stream")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int passages = events.indexOf("event:passages");
        int token = events.indexOf("event:token");
        int answer = events.indexOf("event:answer");
        assertTrue(passages >= 0 && token > passages && answer > token, events);
        String finalAnswer = events.substring(answer);
        assertTrue(finalAnswer.contains("\"generated\":true"), finalAnswer);
        assertTrue(finalAnswer.contains("\"removedCitations\":[\"" + FakeOpenAiServer.INVALID_CITATION + "\"]"));
    }

    @Test
    void aFailingModelIs502OnAskAndOnTheStream() {
        String question = "What is ZeRO? " + FakeOpenAiServer.FAIL;
        given().contentType("application/json")
                .body(Map.of("question", question, "generate", true))
                .post("/api/ask")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("Model failed"))
                .body("detail", org.hamcrest.Matchers.containsString("the language model failed"));
        String events = stream(Map.of("question", question));
        int passages = events.indexOf("event:passages");
        int error = events.indexOf("event:error");
        assertTrue(passages >= 0 && error > passages, events);
        assertTrue(events.substring(error).contains("\"status\":502"), events);
        assertTrue(events.substring(error).contains("\"title\":\"Model failed\""), events);
        assertFalse(events.contains("event:answer"), events);
    }

    @Test
    void aFailureInsideTheStreamIsAnErrorEvent() {
        // Which lectures exist is found out by retrieval, inside the stream: the failure becomes its error event.
        String events = stream(Map.of("question", "What is ZeRO?", "lectureId", "no-such-lecture"));
        int error = events.indexOf("event:error");
        assertTrue(error >= 0, events);
        assertFalse(events.contains("event:passages"), events);
        String problem = events.substring(error);
        assertTrue(problem.contains("\"status\":404"), problem);
        assertTrue(problem.contains("no-such-lecture"), problem);
    }

    private static String stream(Map<String, String> parameters) {
        return given().accept("text/event-stream")
                .queryParams(parameters)
                .get("/api/ask/stream")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void extractiveAnswersStayTheDefault() {
        given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?"))
                .post("/api/ask")
                .then()
                .statusCode(200)
                .body("answer.generated", org.hamcrest.Matchers.nullValue())
                .body("answer.text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }
}
