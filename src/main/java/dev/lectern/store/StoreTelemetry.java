package dev.lectern.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * Where a store adapter reports what it does: spans for its search legs and server calls, and meters (cache hits,
 * call latency, failures). The service passes its own (see docs/operations.md); commands and tests that open a store
 * by hand use {@link #NONE}.
 *
 * @param tracer spans become children of the caller's current span
 * @param meters meters are registered once, when the adapter opens
 */
public record StoreTelemetry(Tracer tracer, MeterRegistry meters) {

    /** Reports nothing: a no-op tracer and a registry without exporters. */
    public static final StoreTelemetry NONE =
            new StoreTelemetry(OpenTelemetry.noop().getTracer("dev.lectern"), new CompositeMeterRegistry());
}
