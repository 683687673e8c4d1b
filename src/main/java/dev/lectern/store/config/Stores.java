package dev.lectern.store.config;

import dev.lectern.config.LecternConfig;
import dev.lectern.config.LecternConfig.StoreKind;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.lucene.LuceneStore;
import dev.lectern.store.qdrant.QdrantConfig;
import dev.lectern.store.qdrant.QdrantSettings;
import dev.lectern.store.qdrant.QdrantStore;
import org.jboss.logging.Logger;

/**
 * Opens a store adapter by kind. The service opens the configured one through {@link StoreProducer}; the
 * {@code migrate} command opens both.
 */
public final class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);

    private Stores() {}

    /**
     * Opens the store of {@code kind}. The embedded store opens its directory now; the Qdrant store connects on
     * its first call.
     *
     * @throws IllegalArgumentException naming the key when a Qdrant setting is out of range
     */
    public static PassageStore open(StoreKind kind, LecternConfig config, QdrantConfig qdrant) {
        return open(kind, config, qdrant, LuceneStore.DEFAULT_PASSAGE_CACHE_SIZE);
    }

    /**
     * Opens the store of {@code kind} as {@link #open(StoreKind, LecternConfig, QdrantConfig)} does; the embedded
     * store keeps up to {@code passageCacheSize} decoded passages for searches.
     */
    public static PassageStore open(StoreKind kind, LecternConfig config, QdrantConfig qdrant, int passageCacheSize) {
        return open(kind, config, qdrant, passageCacheSize, StoreTelemetry.NONE);
    }

    /**
     * Opens the store of {@code kind} as {@link #open(StoreKind, LecternConfig, QdrantConfig, int)} does, reporting
     * spans and meters to {@code telemetry}.
     */
    public static PassageStore open(
            StoreKind kind, LecternConfig config, QdrantConfig qdrant, int passageCacheSize, StoreTelemetry telemetry) {
        if (passageCacheSize < 0) {
            throw new IllegalArgumentException("lectern.passage-cache-size must be >= 0, was " + passageCacheSize);
        }
        return switch (kind) {
            case EMBEDDED -> {
                LOG.infof("Opening the embedded store in %s", config.dataDir().toAbsolutePath());
                yield LuceneStore.open(config.dataDir(), passageCacheSize, telemetry);
            }
            case QDRANT -> {
                QdrantSettings settings = QdrantSettings.of(qdrant);
                LOG.infof("Using the Qdrant store: collection '%s' on %s", settings.collection(), settings.describe());
                yield QdrantStore.open(settings, telemetry);
            }
        };
    }
}
