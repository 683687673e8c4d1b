package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.embedding.ModelAdmission;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the model is busy and its queue full, a search is answered at once with 503, Retry-After and a reason; a
 * keyword search, which needs no model, is answered as usual.
 */
@QuarkusTest
@TestProfile(ModelOverloadTest.OneAtATime.class)
class ModelOverloadTest {

    /** One inference at a time, nobody waits. */
    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.embedding.max-concurrent-queries", "1",
                    "lectern.embedding.max-queued-queries", "0",
                    "lectern.embedding.query-cache-size", "0");
        }
    }

    @Inject
    ModelAdmission queries;

    @Test
    void overloadIsAnsweredAtOnceWith503AndRetryAfter() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> queries.underLimit(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            // The model is held busy until the finally block: a 503 here proves the request did not wait for it.
            given().queryParam("q", "What is ZeRO?")
                    .get("/api/search")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("title", equalTo("Model busy"))
                    .body("detail", containsString("lectern.embedding.max-queued-queries"));
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
        given().queryParam("q", "What is ZeRO?").get("/api/search").then().statusCode(200);
    }

    @Test
    void keywordSearchNeedsNoModelAndIsAnsweredWhileTheModelIsBusy() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> queries.underLimit(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            // Any embedding would be refused with 503 now: a keyword search does not embed the question.
            given().queryParam("q", "What is ZeRO?")
                    .queryParam("mode", "keyword")
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .body("results.size()", greaterThan(0));
            // /api/ask compares the question with sentences, so it needs the model whatever the mode.
            given().contentType("application/json")
                    .body("{\"question\": \"What is ZeRO?\"}")
                    .post("/api/ask")
                    .then()
                    .statusCode(503);
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
