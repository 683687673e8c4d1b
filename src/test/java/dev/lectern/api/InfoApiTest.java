package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

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
}
