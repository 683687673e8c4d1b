package dev.lectern.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny OpenAI-compatible chat server on loopback, started by the test itself (no real model can run here). It
 * answers with one citation to the first passage it was given and one to a time no passage covers, so that
 * citation checking can be seen at work, and records every request.
 */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {

    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    static final String INVALID_CITATION = "01:59:59";
    /** A question with these words makes the server fail with 500, as a model server that breaks does. */
    static final String FAIL = "(fail, model)";

    private static final Pattern FIRST_PASSAGE_TIME = Pattern.compile("\\[1\\] .*?\\[(\\d{2}:\\d{2}:\\d{2})–");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
        return Map.of(
                "lectern.llm.base-url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "lectern.llm.model", "fake-model",
                "lectern.corpus.seed-on-empty-store", "true");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        REQUESTS.add(request);
        String prompt = request.get("messages").get(1).get("content").asText();
        if (prompt.contains(FAIL)) {
            byte[] error = JSON.writeValueAsBytes(
                    Map.of("error", Map.of("message", "the model server broke", "type", "server_error")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, error.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(error);
            }
            return;
        }
        Matcher first = FIRST_PASSAGE_TIME.matcher(prompt);
        String cited = first.find() ? first.group(1) : "00:00:00";
        List<String> pieces = List.of(
                "ZeRO splits optimizer states across data-parallel ranks [" + cited + "]. ",
                "It was first used on the Moon [" + INVALID_CITATION + "].");
        boolean stream = request.path("stream").asBoolean(false);
        byte[] body;
        if (stream) {
            StringBuilder events = new StringBuilder();
            for (String piece : pieces) {
                events.append("data: ").append(chunk(piece, null)).append("\n\n");
            }
            events.append("data: ").append(chunk("", "stop")).append("\n\ndata: [DONE]\n\n");
            body = events.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        } else {
            body = JSON.writeValueAsBytes(Map.of(
                    "id",
                    "chatcmpl-1",
                    "object",
                    "chat.completion",
                    "created",
                    0,
                    "model",
                    "fake-model",
                    "choices",
                    List.of(Map.of(
                            "index",
                            0,
                            "message",
                            Map.of("role", "assistant", "content", String.join("", pieces)),
                            "finish_reason",
                            "stop")),
                    "usage",
                    Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String chunk(String content, String finishReason) throws IOException {
        Map<String, Object> choice = new java.util.HashMap<>();
        choice.put("index", 0);
        choice.put("delta", content.isEmpty() ? Map.of() : Map.of("role", "assistant", "content", content));
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of(
                "id", "chatcmpl-1",
                "object", "chat.completion.chunk",
                "created", 0,
                "model", "fake-model",
                "choices", List.of(choice)));
    }
}
