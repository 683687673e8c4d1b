package dev.lectern.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.chapter.Chapter;
import dev.lectern.chapter.Outline;
import java.util.ArrayList;
import java.util.List;

/**
 * How every store keeps a lecture's chapters: one JSON string on the lecture's record,
 * {@code {"source":"computed","recipe":"...","chapters":[[startMillis,endMillis,"title",["keyword",...]],...]}}.
 * One format for both adapters, so {@code migrate} copies chapters as they are.
 */
public final class OutlineJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutlineJson() {}

    /** The stored form of {@code outline}. */
    public static String write(Outline outline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", outline.source().id());
        if (outline.recipe() != null) {
            root.put("recipe", outline.recipe());
        }
        ArrayNode chapters = root.putArray("chapters");
        for (Chapter chapter : outline.chapters()) {
            ArrayNode entry = chapters.addArray()
                    .add(chapter.startMillis())
                    .add(chapter.endMillis())
                    .add(chapter.title());
            ArrayNode keywords = entry.addArray();
            chapter.keywords().forEach(keywords::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise chapters", e);
        }
    }

    /**
     * Reads the stored form; {@code null} reads as {@code null} (a lecture stored before chapters existed).
     *
     * @throws IllegalStateException when the stored text is not that form
     */
    public static Outline read(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            List<Chapter> chapters = new ArrayList<>();
            for (JsonNode entry : root.get("chapters")) {
                List<String> keywords = new ArrayList<>();
                entry.get(3).forEach(keyword -> keywords.add(keyword.asText()));
                chapters.add(new Chapter(
                        chapters.size(),
                        entry.get(2).asText(),
                        entry.get(0).asLong(),
                        entry.get(1).asLong(),
                        keywords));
            }
            JsonNode recipe = root.get("recipe");
            return new Outline(
                    Outline.Source.fromId(root.get("source").asText()),
                    chapters,
                    recipe == null ? null : recipe.asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("the store holds unreadable chapters: " + e.getMessage(), e);
        }
    }
}
