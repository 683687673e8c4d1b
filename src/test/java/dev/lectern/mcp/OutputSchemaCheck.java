package dev.lectern.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks MCP tool results against the tool's declared output schema with networknt's JSON Schema validator (JSON
 * Schema 2020-12, the dialect the schemas are generated in), formats asserted, every error reported; and checks
 * that a schema follows Lectern's rule (see {@link ToolOutputSchemas}).
 */
final class OutputSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OutputSchemaCheck() {}

    /** What is wrong with {@code structuredContent} by {@code outputSchema}; empty when it validates. */
    static List<String> violations(Map<String, Object> outputSchema, Object structuredContent) {
        Schema schema = REGISTRY.getSchema(write(outputSchema), InputFormat.JSON);
        List<Error> errors = schema.validate(
                write(structuredContent),
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /**
     * Where {@code schema} breaks the rule that every property is required and no other may appear: a tool whose
     * schema was generated without {@link ToolOutputSchemas}.
     */
    static List<String> ruleViolations(Map<String, Object> schema) {
        List<String> violations = new ArrayList<>();
        walk(schema, "", violations);
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, String path, List<String> violations) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("properties") instanceof Map<?, ?> properties) {
                Object required = map.get("required");
                if (!(required instanceof List<?> list)
                        || !list.containsAll(properties.keySet())
                        || !properties.keySet().containsAll(list)) {
                    violations.add(
                            path + ": required " + required + " should list every property " + properties.keySet());
                }
                if (!Boolean.FALSE.equals(map.get("additionalProperties"))) {
                    violations.add(path + ": additionalProperties should be false");
                }
            }
            ((Map<String, Object>) map).forEach((key, value) -> walk(value, path + "/" + key, violations));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "/" + i, violations);
            }
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
