package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grounded context for chatbots that bring their own model. */
@QuarkusTest
class ContextApiTest {

    @Test
    void numbersTimedPassagesWithinTheBudget() {
        JsonPath body = given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "k", 5, "lectureId", TestLectures.DEFAULT_LECTURE))
                .post("/api/context")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String context = body.getString("context");
        List<String> starts = body.getList("citations.start", String.class);
        assertEquals(5, starts.size());
        for (int i = 0; i < starts.size(); i++) {
            assertTrue(context.contains("[" + (i + 1) + "] "), "passage " + (i + 1) + " numbered");
            assertTrue(context.contains("[" + starts.get(i).substring(0, 8) + "–"), "passage " + (i + 1) + " timed");
        }
        assertTrue(context.contains("Xero"));
    }

    @Test
    void aSmallBudgetHoldsFewerWholePassages() {
        JsonPath small = given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "k", 5, "maxTokens", 200))
                .post("/api/context")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> texts = small.getList("citations.text", String.class);
        assertTrue(texts.size() >= 1 && texts.size() < 5, texts.size() + " passages in 200 tokens");
        texts.forEach(text -> assertTrue(small.getString("context").contains(text), "passages are kept whole"));
    }

    @Test
    void rejectsABudgetOutOfRange() {
        given().contentType("application/json")
                .body(Map.of("question", "What is ZeRO?", "maxTokens", 10))
                .post("/api/context")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("maxTokens"));
    }
}
