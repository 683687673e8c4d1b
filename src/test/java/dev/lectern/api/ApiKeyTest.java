package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With lectern.api-key set, writes need the key; reads stay open. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKey.class)
class ApiKeyTest {

    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.api-key", "s3cret",
                    "lectern.corpus.seed-on-empty-store", "false",
                    "lectern.data-dir", "target/test-data/api-key-${quarkus.uuid}");
        }
    }

    @Test
    void writesWithoutTheKeyAreRefused() {
        given().contentType("application/x-subrip")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/chess")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization"));
        given().delete("/api/lectures/chess").then().statusCode(401);
    }

    @Test
    void writesWithAWrongKeyAreRefused() {
        given().header("Authorization", "Bearer guess")
                .contentType("application/x-subrip")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/chess")
                .then()
                .statusCode(401);
    }

    @Test
    void writesWithTheKeyAreAccepted() {
        given().header("Authorization", "Bearer s3cret")
                .contentType("application/x-subrip")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/keyed")
                .then()
                .statusCode(201);
        given().get("/api/lectures/keyed").then().statusCode(200);
        given().queryParam("q", "Deep Blue").get("/api/search").then().statusCode(200);
        given().header("Authorization", "Bearer s3cret")
                .delete("/api/lectures/keyed")
                .then()
                .statusCode(204);
    }
}
