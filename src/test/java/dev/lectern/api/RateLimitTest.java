package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With rate limits on, a client over its limit gets 429 problem+json with Retry-After, other clients (by key) are
 * not affected, and health and metrics are never limited. The rates are slow enough (one search per 20 s, two
 * writes per minute) that no request of the test can earn a token back while it runs.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Limited.class)
class RateLimitTest {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.rate-limit.searches-per-second", "0.05",
                    "lectern.rate-limit.writes-per-minute", "1",
                    "lectern.auth.read-keys", "client-a-key,client-b-key,client-c-key",
                    "lectern.api-key", "writer-key",
                    "lectern.corpus.seed-on-empty-store", "false",
                    "lectern.data-dir", "target/test-data/rate-limit-${quarkus.uuid}");
        }
    }

    @Test
    void searchesOverTheLimitGet429WithRetryAfter() {
        given().header("Authorization", "Bearer client-a-key")
                .queryParam("q", "chess")
                .get("/api/search")
                .then()
                .statusCode(200);
        String retryAfter = given().header("Authorization", "Bearer client-a-key")
                .queryParam("q", "chess")
                .get("/api/search")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(429))
                .body("detail", containsString("lectern.rate-limit.searches-per-second"))
                .extract()
                .header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 20, retryAfter);
        // Every search-like endpoint draws on the same bucket.
        given().header("Authorization", "Bearer client-a-key")
                .contentType("application/json")
                .body("{\"query\":\"chess\"}")
                .post("/v1/vector_stores/all/search")
                .then()
                .statusCode(429);
        given().header("Authorization", "Bearer client-a-key")
                .contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post("/mcp")
                .then()
                .statusCode(429);
        // Another client, by its key, has its own bucket; reads that are not searches are not limited.
        given().header("Authorization", "Bearer client-b-key")
                .queryParam("q", "chess")
                .get("/api/search")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer client-a-key")
                .get("/api/lectures")
                .then()
                .statusCode(200);
    }

    @Test
    void healthAndMetricsAreNeverLimited() {
        for (int i = 0; i < 5; i++) {
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/metrics").then().statusCode(200);
        }
        given().header("Authorization", "Bearer client-c-key")
                .queryParam("q", "chess")
                .get("/api/search")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer client-c-key")
                .queryParam("q", "chess")
                .get("/api/search")
                .then()
                .statusCode(429);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("lectern_rate_limited_requests_total{limit=\"searches\"}"));
    }

    @Test
    void writesBurstToTwiceTheRateThenWait() {
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer writer-key")
                    .delete("/api/lectures/none-" + i)
                    .then()
                    .statusCode(404);
        }
        given().header("Authorization", "Bearer writer-key")
                .delete("/api/lectures/none-2")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("lectern.rate-limit.writes-per-minute"));
    }
}
