package dev.lectern.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkiverse.mcp.server.ToolManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * How Lectern's meters are published at {@code /q/metrics} (docs/operations.md):
 *
 * <ul>
 *   <li>latency timers (HTTP requests, MCP requests, Lectern's own {@code lectern.*} timers) get a fixed set of
 *       histogram buckets from 1 ms to 30 s, so that quantiles can be computed across replicas with
 *       {@code histogram_quantile}, at 15 series per timer rather than the ~70 of Micrometer's default histogram;
 *   <li>the MCP tool name of a timer is kept only for tools Lectern has: a client calling made-up tool names would
 *       otherwise create a series per name.
 * </ul>
 */
@ApplicationScoped
class MeterSettings {

    /** Histogram bucket bounds of every latency timer. */
    static final List<Duration> LATENCY_BUCKETS = Stream.of(
                    1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000)
            .map(ms -> Duration.ofNanos(Math.round(ms.doubleValue() * 1_000_000)))
            .toList();

    private static final double[] BUCKETS_NANOS =
            LATENCY_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray();

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !isLatency(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(BUCKETS_NANOS)
                        .build()
                        .merge(config);
            }
        };
    }

    @Produces
    @Singleton
    MeterFilter knownToolNamesOnly(Instance<ToolManager> tools) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String tool = id.getTag("tool.name");
                if (tool == null || !id.getName().startsWith("mcp.server.")) {
                    return id;
                }
                boolean known = tools.isResolvable() && tools.get().getTool(tool) != null;
                return known ? id : id.replaceTags(replaced(id, Tag.of("tool.name", "unknown")));
            }
        };
    }

    private static List<Tag> replaced(Meter.Id id, Tag tag) {
        return Stream.concat(id.getTags().stream().filter(t -> !t.getKey().equals(tag.getKey())), Stream.of(tag))
                .toList();
    }

    static boolean isLatency(String name) {
        return name.equals("http.server.requests")
                || name.startsWith("mcp.server.requests")
                || name.startsWith("lectern.");
    }
}
