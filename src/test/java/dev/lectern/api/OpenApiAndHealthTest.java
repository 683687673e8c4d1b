package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The API describes itself, and reports ready once the model and the store are up. */
@QuarkusTest
class OpenApiAndHealthTest {

    @Test
    void openApiDocumentsTheApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/search"))
                .body(containsString("/api/ask"))
                .body(containsString("/api/lectures/{id}"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readyWhenModelAndStoreAreUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.model", equalTo("all-minilm-l6-v2-q"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
