package dev.lectern.store;

import dev.lectern.config.LecternConfig;
import dev.lectern.store.qdrant.QdrantConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one place that decides which store adapter the service uses ({@code lectern.store}). */
@ApplicationScoped
class StoreProducer {

    @Produces
    @Singleton
    PassageStore store(LecternConfig config, QdrantConfig qdrant) {
        return Stores.open(config.store(), config, qdrant, config.passageCacheSize());
    }

    void close(@Disposes PassageStore store) {
        store.close();
    }
}
