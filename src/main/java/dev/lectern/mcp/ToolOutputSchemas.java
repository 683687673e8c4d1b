package dev.lectern.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import io.quarkiverse.mcp.server.OutputSchemaGenerator;
import jakarta.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The output schema of every Lectern tool, one rule for all of them: <em>every property is always present</em>.
 *
 * <ul>
 *   <li>Every property of a structured result is listed in {@code required}, and no other property may appear
 *       ({@code additionalProperties: false}).
 *   <li>A property that can lack a value (a lecture without a source URL has no {@code sourceUrl} and its passages
 *       no {@code link}) is marked {@link Nullable @Nullable} on its record component, is declared
 *       {@code "type": ["string", "null"]}, and is sent as JSON {@code null}, never left out.
 * </ul>
 *
 * <p>The extension's default generator declares every property with its Java type only, so a {@code null} broke
 * validation in clients that check results against the schema, such as the official MCP TypeScript SDK. A new
 * tool opts in with {@code @Tool(outputSchema = @Tool.OutputSchema(from = X.class, generator =
 * ToolOutputSchemas.class))}; {@code McpResultSchemaTest} fails for a tool that does not. The schemas are
 * generated with victools' generator, as the extension does, in JSON Schema 2020-12.
 */
@Singleton
public class ToolOutputSchemas implements OutputSchemaGenerator {

    private final SchemaGenerator generator;

    ToolOutputSchemas(ObjectMapper json) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        json, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        config.forFields()
                .withRequiredCheck(field -> true)
                .withNullableCheck(field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
        this.generator = new SchemaGenerator(config.build());
    }

    @Override
    public Object generate(Class<?> from) {
        return generator.generateSchema(from);
    }
}
