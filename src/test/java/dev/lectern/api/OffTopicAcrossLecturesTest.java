package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With several unrelated lectures indexed, a question none of them is about is still not answered confidently when
 * it is asked of all of them, while a question one of them answers still is.
 */
@QuarkusTest
class OffTopicAcrossLecturesTest {

    @Test
    void offTopicQuestionsAreNotConfidentAcrossSeveralLectures() {
        given().contentType("text/vtt")
                .body(TestLectures.bytes("volcanoes.vtt"))
                .put("/api/lectures/off-topic-volcanoes")
                .then()
                .statusCode(201);
        given().contentType("application/x-subrip")
                .body(TestLectures.bytes("chess.srt"))
                .put("/api/lectures/off-topic-chess")
                .then()
                .statusCode(201);
        try {
            for (String question : new String[] {
                "What is the capital of France?", "How do I bake a chocolate cake?", "Who won the 2018 World Cup?"
            }) {
                given().contentType("application/json")
                        .body(Map.of("question", question))
                        .post("/api/ask")
                        .then()
                        .statusCode(200)
                        .body("confident", equalTo(false));
            }
            given().contentType("application/json")
                    .body(Map.of("question", "How does BLIP-2 connect a CLIP image encoder to a language model?"))
                    .post("/api/ask")
                    .then()
                    .statusCode(200)
                    .body("confident", equalTo(true));
        } finally {
            given().delete("/api/lectures/off-topic-volcanoes").then().statusCode(204);
            given().delete("/api/lectures/off-topic-chess").then().statusCode(204);
        }
    }
}
