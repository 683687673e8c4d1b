package dev.lectern.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * OpenAI's vector-store search filters, evaluated on a result's attributes: comparison filters
 * ({@code {"type": "eq"|"ne"|"gt"|"gte"|"lt"|"lte"|"in"|"nin", "key", "value"}}) and compound filters
 * ({@code {"type": "and"|"or", "filters": [...]}}).
 */
sealed interface AttributeFilter {

    /** Whether a result with these attributes passes. */
    boolean matches(Map<String, Object> attributes);

    /** A comparison of one attribute with a value. */
    record Comparison(String key, String type, JsonNode value) implements AttributeFilter {

        @Override
        public boolean matches(Map<String, Object> attributes) {
            Object actual = attributes.get(key);
            return switch (type) {
                case "eq" -> equal(actual, value);
                case "ne" -> !equal(actual, value);
                case "in" -> contains(value, actual);
                case "nin" -> !contains(value, actual);
                default -> actual instanceof Number number && value.isNumber() && compare(number.doubleValue());
            };
        }

        private boolean compare(double actual) {
            double expected = value.asDouble();
            return switch (type) {
                case "gt" -> actual > expected;
                case "gte" -> actual >= expected;
                case "lt" -> actual < expected;
                default -> actual <= expected;
            };
        }

        private static boolean contains(JsonNode values, Object actual) {
            for (JsonNode value : values) {
                if (equal(actual, value)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean equal(Object actual, JsonNode value) {
            if (actual instanceof Number number) {
                return value.isNumber() && number.doubleValue() == value.asDouble();
            }
            if (actual instanceof Boolean bool) {
                return value.isBoolean() && bool == value.asBoolean();
            }
            return actual != null && value.isTextual() && Objects.equals(actual, value.asText());
        }
    }

    /** All ({@code and}) or any ({@code or}) of several filters. */
    record Compound(boolean all, List<AttributeFilter> filters) implements AttributeFilter {

        @Override
        public boolean matches(Map<String, Object> attributes) {
            return all
                    ? filters.stream().allMatch(f -> f.matches(attributes))
                    : filters.stream().anyMatch(f -> f.matches(attributes));
        }
    }

    /**
     * Reads a filter.
     *
     * @param path where the filter is in the request, for error messages, e.g. {@code filters.filters[1]}
     * @throws IllegalArgumentException naming the path and what is wrong
     */
    static AttributeFilter parse(JsonNode node, String path) {
        if (node == null || !node.isObject() || !node.hasNonNull("type")) {
            throw new IllegalArgumentException(path + " must be an object with a type");
        }
        String type = node.get("type").asText().toLowerCase(Locale.ROOT);
        switch (type) {
            case "and", "or" -> {
                JsonNode filters = node.get("filters");
                if (filters == null || !filters.isArray() || filters.isEmpty()) {
                    throw new IllegalArgumentException(path + ".filters must be a non-empty array");
                }
                List<AttributeFilter> parsed = new ArrayList<>();
                for (int i = 0; i < filters.size(); i++) {
                    parsed.add(parse(filters.get(i), path + ".filters[" + i + "]"));
                }
                return new Compound(type.equals("and"), parsed);
            }
            case "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin" -> {
                if (!node.hasNonNull("key") || !node.has("value")) {
                    throw new IllegalArgumentException(path + " needs a key and a value");
                }
                JsonNode value = node.get("value");
                boolean list = type.equals("in") || type.equals("nin");
                if (list != value.isArray()) {
                    throw new IllegalArgumentException(
                            path + ".value must " + (list ? "" : "not ") + "be an array for " + type);
                }
                if (type.startsWith("g") || type.startsWith("l")) {
                    if (!value.isNumber()) {
                        throw new IllegalArgumentException(path + ".value must be a number for " + type);
                    }
                }
                return new Comparison(node.get("key").asText(), type, value);
            }
            default ->
                throw new IllegalArgumentException(
                        path + ".type '" + type + "' is unknown; use eq, ne, gt, gte, lt, lte, in, nin, and or or");
        }
    }
}
