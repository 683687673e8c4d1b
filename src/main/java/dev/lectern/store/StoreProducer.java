package dev.lectern.store;

import dev.lectern.config.LecternConfig;
import dev.lectern.store.lucene.LuceneStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one place that knows which store adapter is in use. */
@ApplicationScoped
class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @Singleton
    PassageStore store(LecternConfig config) {
        LOG.infof("Opening the embedded store in %s", config.dataDir().toAbsolutePath());
        return LuceneStore.open(config.dataDir());
    }

    void close(@Disposes PassageStore store) {
        store.close();
    }
}
