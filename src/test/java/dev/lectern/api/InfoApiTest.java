package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/info} names the model, the store and what is stored. */
@QuarkusTest
class InfoApiTest {

    @Test
    void namesModelStoreAndCounts() {
        given().get("/api/info")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("version", not(emptyOrNullString()))
                .body("model", equalTo("all-minilm-l6-v2-q"))
                .body("dimension", equalTo(384))
                .body("store", equalTo("embedded"))
                .body("lectures", greaterThanOrEqualTo(1))
                .body("passages", greaterThan(50));
    }

    @Test
    void tellsThePageTheServersRulesAndExampleQuestions() {
        given().get("/api/info")
                .then()
                .statusCode(200)
                .body("maxTranscriptWindowSeconds", equalTo(600))
                .body("stopWords", hasItems("what", "does", "the"))
                .body("stopWords", not(hasItem("zero")))
                .body("examples.lectureId", not(emptyOrNullString()))
                .body("examples.lectureTitle", not(emptyOrNullString()))
                .body("examples.questions", hasSize(3))
                .body("examples.questions", everyItem(startsWith("What is said about ")));
    }
}
