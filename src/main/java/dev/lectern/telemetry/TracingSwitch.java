package dev.lectern.telemetry;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns tracing on only when an OTLP endpoint is configured: sets {@code quarkus.otel.sdk.disabled} to {@code true}
 * unless {@code quarkus.otel.exporter.otlp.endpoint} or {@code quarkus.otel.exporter.otlp.traces.endpoint} has a
 * value. Without it the OpenTelemetry SDK would export to {@code localhost:4317} by default and log a failure every
 * few seconds where no collector runs. Ordinal 200: below {@code application.properties}, the environment and system
 * properties, so setting {@code quarkus.otel.sdk.disabled} anywhere still decides. Safe at static init, where the
 * OpenTelemetry SDK is set up: it reads only the configuration it is given.
 */
@StaticInitSafe
public class TracingSwitch implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS =
            List.of("quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpoint = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingSwitch::isSet);
        return List.of(new PropertiesConfigSource(
                Map.of(SDK_DISABLED, Boolean.toString(!endpoint)), "lectern-tracing-switch", 200));
    }

    /** Set by the user: the extension's documented default ({@code localhost:4317}) does not count. */
    private static boolean isSet(ConfigValue value) {
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
    }
}
