package dev.lectern.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.ComparisonFilter;
import com.openai.models.CompoundFilter;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreSearchParams;
import com.openai.models.vectorstores.VectorStoreSearchResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lectern through the official OpenAI Java SDK, pointed at Lectern's base URL. */
@QuarkusTest
class OpenAiCompatibleSearchTest {

    private static final String LECTURE = "cs25-ming-ding-multimodal-pretraining";

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient openai;

    @BeforeEach
    void connect() {
        openai = OpenAIOkHttpClient.builder()
                .baseUrl(base.toString())
                .apiKey("not-needed")
                .maxRetries(0)
                .build();
    }

    @Test
    void listsLecturesAsVectorStores() {
        List<VectorStore> stores = openai.vectorStores().list().data();
        VectorStore lecture =
                stores.stream().filter(s -> s.id().equals(LECTURE)).findFirst().orElseThrow();
        assertTrue(lecture.name().contains("Ming Ding"));
        assertEquals(VectorStore.Status.COMPLETED, lecture.status());
    }

    @Test
    void searchesALectureLikeAVectorStore() {
        List<VectorStoreSearchResponse> results = openai.vectorStores()
                .search(VectorStoreSearchParams.builder()
                        .vectorStoreId(LECTURE)
                        .query("What is ZeRO?")
                        .maxNumResults(3L)
                        .build())
                .data();
        assertEquals(3, results.size());
        VectorStoreSearchResponse first = results.get(0);
        assertEquals(LECTURE, first.fileId());
        Map<String, com.openai.core.JsonValue> attributes =
                first.attributes().orElseThrow()._additionalProperties();
        double start = ((Number) attributes.get("start_seconds").asNumber().orElseThrow()).doubleValue();
        assertTrue(start >= 16 * 60 && start < 19 * 60 + 30, "ZeRO is explained 00:16:26-00:19:30, got " + start);
        assertEquals(LECTURE, attributes.get("lecture_id").asString().orElseThrow());
        assertTrue(first.content().get(0).text().contains("Xero"));
        assertTrue(first.score() > 0 && first.score() <= 1);
        // The chapter the passage starts in, flat among the attributes and whole beside them.
        String chapterTitle =
                String.valueOf(attributes.get("chapter_title").asString().orElseThrow());
        assertFalse(chapterTitle.isBlank());
        double chapterStart =
                ((Number) attributes.get("chapter_start_seconds").asNumber().orElseThrow()).doubleValue();
        assertTrue(chapterStart <= start, chapterStart + " after the passage's start " + start);
        Map<String, com.openai.core.JsonValue> extra = first._additionalProperties();
        @SuppressWarnings("unchecked")
        Map<String, com.openai.core.JsonValue> chapter = (Map<String, com.openai.core.JsonValue>)
                extra.get("chapter").asObject().orElseThrow();
        assertEquals(
                chapterTitle, String.valueOf(chapter.get("title").asString().orElseThrow()));
    }

    @Test
    void filtersByLectureAndTime() {
        CompoundFilter lateInTheTalk = CompoundFilter.builder()
                .type(CompoundFilter.Type.AND)
                .addFilter(ComparisonFilter.builder()
                        .key("lecture_id")
                        .type(ComparisonFilter.Type.EQ)
                        .value(LECTURE)
                        .build())
                .addFilter(ComparisonFilter.builder()
                        .key("start_seconds")
                        .type(ComparisonFilter.Type.GTE)
                        .value(3000.0)
                        .build())
                .build();
        List<VectorStoreSearchResponse> results = openai.vectorStores()
                .search(VectorStoreSearchParams.builder()
                        .vectorStoreId("all")
                        .query("diffusion models")
                        .maxNumResults(5L)
                        .filters(lateInTheTalk)
                        .build())
                .data();
        assertFalse(results.isEmpty());
        for (VectorStoreSearchResponse result : results) {
            Map<String, com.openai.core.JsonValue> attributes =
                    result.attributes().orElseThrow()._additionalProperties();
            assertTrue(((Number) attributes.get("start_seconds").asNumber().orElseThrow()).doubleValue() >= 3000);
        }
    }

    @Test
    void appliesTheScoreThreshold() {
        List<VectorStoreSearchResponse> results = openai.vectorStores()
                .search(VectorStoreSearchParams.builder()
                        .vectorStoreId(LECTURE)
                        .query("What is ZeRO?")
                        .maxNumResults(50L)
                        .rankingOptions(VectorStoreSearchParams.RankingOptions.builder()
                                .scoreThreshold(0.8)
                                .build())
                        .build())
                .data();
        assertFalse(results.isEmpty());
        assertTrue(results.stream().allMatch(r -> r.score() >= 0.8));
        assertTrue(results.size() < 50);
    }

    @Test
    void unknownStoresAndBadFiltersAreErrors() {
        assertThrows(
                NotFoundException.class,
                () -> openai.vectorStores()
                        .search(VectorStoreSearchParams.builder()
                                .vectorStoreId("no-such-lecture")
                                .query("x")
                                .build()));
        assertThrows(
                BadRequestException.class,
                () -> openai.vectorStores()
                        .search(VectorStoreSearchParams.builder()
                                .vectorStoreId("all")
                                .query("x")
                                .maxNumResults(51L)
                                .build()));
        given().contentType("application/json")
                .body(
                        "{\"query\": \"x\", \"filters\": {\"type\": \"gte\", \"key\": \"start_seconds\", \"value\": \"late\"}}")
                .post("/v1/vector_stores/all/search")
                .then()
                .statusCode(400)
                .body("field", equalTo("filters"))
                .body("detail", containsString("number"));
    }
}
