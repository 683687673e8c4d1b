package dev.lectern.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** Tracing is on exactly when an OTLP endpoint is configured, unless quarkus.otel.sdk.disabled says otherwise. */
class TracingSwitchTest {

    @Test
    void offWithoutAnEndpoint() {
        assertEquals("true", sdkDisabled(Map.of()));
        assertEquals("true", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ")));
    }

    @Test
    void theExtensionsDefaultEndpointDoesNotCount() {
        assertEquals(
                "true",
                sdkDisabled(
                        Map.of("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317/"), Integer.MIN_VALUE));
    }

    @Test
    void onWithAnEndpoint() {
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")));
        assertEquals(
                "false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4317")));
    }

    @Test
    void ranksBelowEverySettingOfTheUser() {
        ConfigSource source = new TracingSwitch()
                .getConfigSources(context(Map.of()))
                .iterator()
                .next();
        assertEquals(200, source.getOrdinal(), "below application.properties (250), env (300), -D (400)");
    }

    private static String sdkDisabled(Map<String, String> settings) {
        return sdkDisabled(settings, 250);
    }

    private static String sdkDisabled(Map<String, String> settings, int ordinal) {
        ConfigSource source = new TracingSwitch()
                .getConfigSources(context(settings, ordinal))
                .iterator()
                .next();
        return source.getValue("quarkus.otel.sdk.disabled");
    }

    private static ConfigSourceContext context(Map<String, String> settings) {
        return context(settings, 250);
    }

    private static ConfigSourceContext context(Map<String, String> settings, int ordinal) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = settings.get(name);
                return value == null
                        ? null
                        : ConfigValue.builder()
                                .withName(name)
                                .withValue(value)
                                .withConfigSourceOrdinal(ordinal)
                                .build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return settings.keySet().iterator();
            }
        };
    }
}
