package dev.lectern.telemetry;

import dev.lectern.lecture.Lecture;
import dev.lectern.store.PassageStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The size of the store: {@code lectern_store_lectures} and {@code lectern_store_passages}. Read from the store at
 * most every {@link #REFRESH_NANOS} (a scrape of a Qdrant-backed Lectern makes one call to Qdrant in that time, not
 * one per gauge), and NaN when the store cannot be reached, which Prometheus shows as a gap rather than a false 0.
 */
@ApplicationScoped
@Startup
class StoreSizeMeters {

    static final long REFRESH_NANOS = 10_000_000_000L;

    private final PassageStore store;
    private long readAt;
    private boolean read;
    private double lectures = Double.NaN;
    private double passages = Double.NaN;

    StoreSizeMeters(PassageStore store, MeterRegistry meters) {
        this.store = store;
        Gauge.builder("lectern.store.lectures", this, m -> m.refreshed().lectures)
                .description("Lectures in the store")
                .baseUnit("lectures")
                .register(meters);
        Gauge.builder("lectern.store.passages", this, m -> m.refreshed().passages)
                .description("Passages in the store")
                .baseUnit("passages")
                .register(meters);
    }

    private synchronized StoreSizeMeters refreshed() {
        long now = System.nanoTime();
        if (read && now - readAt < REFRESH_NANOS) {
            return this;
        }
        try {
            List<Lecture> all = store.lectures();
            lectures = all.size();
            passages = all.stream().mapToLong(Lecture::passages).sum();
        } catch (RuntimeException e) {
            lectures = Double.NaN;
            passages = Double.NaN;
        }
        read = true;
        readAt = now;
        return this;
    }
}
