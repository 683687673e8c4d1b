package dev.lectern.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lectern.transcript.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * How every store keeps transcript segments: compact JSON {@code [[startMillis,endMillis,"text"],...]}, since a
 * lecture can hold thousands of them. One format for both adapters, so {@code migrate} copies them as they are.
 */
public final class SegmentsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentsJson() {}

    /** The compact form of {@code segments}. */
    public static String write(List<Segment> segments) {
        ArrayNode array = JSON.createArrayNode();
        for (Segment segment : segments) {
            array.addArray().add(segment.startMillis()).add(segment.endMillis()).add(segment.text());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise transcript segments", e);
        }
    }

    /**
     * Reads the compact form.
     *
     * @throws IllegalStateException when the stored text is not that form
     */
    public static List<Segment> read(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<Segment> segments = new ArrayList<>(array.size());
            for (JsonNode triple : array) {
                segments.add(new Segment(
                        triple.get(0).asLong(),
                        triple.get(1).asLong(),
                        triple.get(2).asText()));
            }
            return segments;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds unreadable transcript segments: " + e.getMessage(), e);
        }
    }
}
