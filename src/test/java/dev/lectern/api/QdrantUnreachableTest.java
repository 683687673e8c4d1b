package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lectern configured for a Qdrant that is not there (a local port nothing listens on): it still starts and is
 * live, reports not ready naming Qdrant, and answers searches and writes with 503 problem+json and
 * {@code Retry-After}.
 */
@QuarkusTest
@TestProfile(QdrantUnreachableTest.NoQdrant.class)
class QdrantUnreachableTest {

    /** Points the Qdrant store at a port that was free a moment ago. */
    public static final class NoQdrant implements QuarkusTestProfile {

        static final int PORT = closedPort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.store", "qdrant",
                    "lectern.qdrant.host", "localhost",
                    "lectern.qdrant.port", Integer.toString(PORT),
                    "lectern.qdrant.timeout", "1s",
                    "lectern.qdrant.retries", "1",
                    "lectern.qdrant.retry-backoff", "50ms");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String QDRANT = "Qdrant at localhost:" + NoQdrant.PORT;

    @Test
    void startsAndIsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void notReadyNamingQdrant() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.store", equalTo(QDRANT))
                .body("checks[0].data.reason", containsString("UNAVAILABLE"));
    }

    @Test
    void searchAnswers503ProblemWithRetryAfter() {
        given().queryParam("q", "What is ZeRO?")
                .get("/api/search")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Store unavailable"))
                .body("detail", containsString(QDRANT + " is unavailable"))
                .body("detail", containsString("nothing was changed"));
    }

    @Test
    void askAnswers503() {
        given().contentType("application/json")
                .body("{\"question\": \"What is ZeRO?\"}")
                .post("/api/ask")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5");
    }

    @Test
    void ingestAnswers503ProblemWithRetryAfter() {
        given().contentType("text/vtt")
                .queryParam("title", "Volcanoes 101")
                .body(TestLectures.bytes("volcanoes.vtt"))
                .put("/api/lectures/volcanoes")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("detail", containsString(QDRANT));
        given().get("/api/lectures").then().statusCode(503).contentType(Problem.MEDIA_TYPE);
    }
}
