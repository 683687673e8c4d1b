package dev.lectern.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A search request is one trace: the HTTP server span, and under it the search with a child span per step, the
 * store search with its legs and fusion under it. Spans go to an in-memory exporter instead of an OTLP collector.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    // Export each span as it ends, to the in-memory exporter only.
                    "quarkus.otel.simple", "true",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "lectern.data-dir", "target/test-data/tracing-${quarkus.uuid}");
        }
    }

    /** The exporter the SDK sends spans to in this test. */
    @ApplicationScoped
    static class InMemoryExporter {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void aSearchIsOneTraceWithASpanPerStep() throws InterruptedException {
        exporter.reset();
        given().queryParam("q", "What is ZeRO?").get("/api/search").then().statusCode(200);

        SpanData server =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/search"));
        List<SpanData> trace = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(server.getTraceId()))
                .toList();
        Map<String, SpanData> byName = trace.stream()
                .filter(s -> s != server)
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
        assertFalse(server.getParentSpanContext().isValid(), "the request is the root");

        SpanData search = byName.get("search");
        assertTrue(search != null, "a search span in " + names(trace));
        assertTrue(isUnder(search, server, trace), "the search runs inside the request");
        for (String step : List.of("embed question", "store search", "highlight")) {
            assertEquals(search.getSpanId(), parentOf(byName, step), step + " is a step of the search");
        }
        for (String leg : List.of("vector leg", "keyword leg", "fusion")) {
            assertEquals(
                    byName.get("store search").getSpanId(), parentOf(byName, leg), leg + " is in the store search");
        }
        assertEquals(
                "hybrid",
                search.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("lectern.search.mode"))
                        .map(e -> e.getValue().toString())
                        .findFirst()
                        .orElse(null));
        assertFalse(
                trace.stream().anyMatch(s -> s.getAttributes().toString().contains("ZeRO")),
                "the question's text is not recorded");
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found =
                    exporter.getFinishedSpanItems().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20); // the server span ends just after the response is written
        }
        throw new AssertionError("no such span in " + names(exporter.getFinishedSpanItems()));
    }

    private static String parentOf(Map<String, SpanData> byName, String name) {
        SpanData span = byName.get(name);
        assertTrue(span != null, "a span '" + name + "' in " + byName.keySet());
        return span.getParentSpanId();
    }

    private static boolean isUnder(SpanData span, SpanData ancestor, List<SpanData> trace) {
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        SpanData current = span;
        while (current != null && current.getParentSpanContext().isValid()) {
            if (current.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
            current = byId.get(current.getParentSpanId());
        }
        return false;
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getKind() + " " + s.getName()).toList();
    }
}
