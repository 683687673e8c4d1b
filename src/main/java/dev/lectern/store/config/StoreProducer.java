package dev.lectern.store.config;

import dev.lectern.config.LecternConfig;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.qdrant.QdrantConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one place that decides which store adapter the service uses ({@code lectern.store}). */
@ApplicationScoped
class StoreProducer {

    @Produces
    @Singleton
    PassageStore store(LecternConfig config, QdrantConfig qdrant, Tracer tracer, MeterRegistry meters) {
        return Stores.open(
                config.store(), config, qdrant, config.passageCacheSize(), new StoreTelemetry(tracer, meters));
    }

    void close(@Disposes PassageStore store) {
        store.close();
    }
}
