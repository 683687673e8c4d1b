package dev.lectern.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Errors of the REST layer (body parsing and content negotiation) are problem+json that say where and what: the
 * line and column where JSON parsing failed, the type an endpoint accepts, a body the client cut off.
 */
@QuarkusTest
class RestLayerProblemsTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        given().contentType("application/json")
                .body("{\"question\": \"What is ZeRO?\",\n  , \"k\": 3}")
                .post("/api/ask")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Invalid JSON body"))
                .body("detail", allOf(containsString("at line 2, column 3"), not(containsString("HTTP 400"))));
    }

    @Test
    void aBodyThatEndsEarlySaysWhatIsNeverClosed() {
        given().contentType("application/json")
                .body("{\"question\": \"What is ZeRO?\"")
                .post("/api/context")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body(
                        "detail",
                        allOf(
                                containsString("opened at line 1, column 1 is never closed"),
                                containsString("at line 1, column 29"),
                                not(containsString("REDACTED"))));
    }

    @Test
    void aMistypedFieldIsNamed() {
        given().contentType("application/json")
                .body("{\"question\": \"x\", \"k\": \"many\"}")
                .post("/api/ask")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("k"))
                .body("detail", containsString("line 1, column"));
    }

    @Test
    void unsupportedTypesNameWhatTheEndpointAccepts() {
        for (String path : List.of("/api/ask", "/api/context")) {
            given().contentType("text/plain")
                    .body("What is ZeRO?")
                    .post(path)
                    .then()
                    .statusCode(415)
                    .contentType(Problem.MEDIA_TYPE)
                    .body(
                            "detail",
                            allOf(
                                    containsString("POST " + path + " accepts application/json"),
                                    containsString("text/plain"),
                                    not(containsString("text/vtt"))));
        }
        given().contentType("application/pdf")
                .body(new byte[] {1, 2, 3})
                .put("/api/lectures/a-pdf")
                .then()
                .statusCode(415)
                .body("detail", containsString("text/vtt"));
    }

    @Test
    void aBodyCutOffByTheClientIsNotLoggedAsAnError() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger lectern = Logger.getLogger("dev.lectern");
        lectern.addHandler(handler);
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"question\": \"x\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            in.readAllBytes(); // until Lectern closes the connection
        } finally {
            // The next request is served, and the cut-off one left no error behind.
            given().get("/api/info").then().statusCode(200);
            lectern.removeHandler(handler);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
    }
}
