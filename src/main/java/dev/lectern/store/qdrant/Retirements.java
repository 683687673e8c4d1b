package dev.lectern.store.qdrant;

import dev.lectern.store.qdrant.AliasResolver.Layout;
import dev.lectern.store.qdrant.QdrantReads.Active;
import io.qdrant.client.grpc.Common.Filter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes what searches no longer see once no search can still be reading it: the version a switch replaced or
 * a deletion hid, and the collection a rebuild left, each {@link QdrantSettings#retireAfter()} later; and, every
 * {@link #SWEEP_INTERVAL}, whatever a crashed writer, a lost retirement or a closed store left behind. On the same
 * thread it renews a running rebuild's claim on its new collection.
 *
 * <p>Retirements still pending when the store closes are not run: other replicas may be searching those
 * versions. The sweep of whichever replica runs next deletes them once they are old enough.
 */
final class Retirements {

    private static final Logger LOG = Logger.getLogger(Retirements.class);

    /** Orphaned passages are swept once they are this much older than the retirement delay. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    /** How often the sweep of orphans and left-over collections runs. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final QdrantSettings settings;
    private final QdrantReads reads;
    private final QdrantWrites writes;
    private final AliasResolver resolver;
    private final QdrantCollections collections;

    /** Deletes retired versions and collections after their grace period, and runs the sweep. */
    private final ScheduledExecutorService retirer;

    private final Map<Runnable, ScheduledFuture<?>> pendingRetirements = new HashMap<>();

    private volatile boolean sweepScheduled;

    private volatile boolean closed;

    /**
     * @param reads reads the active versions, which the sweep keeps
     * @param writes deletes what is retired, and gives the settings (the grace period, the rebuild lease)
     * @param resolver names the collection the sweep cleans
     * @param collections renews rebuild claims, marks and drops left collections
     */
    Retirements(QdrantReads reads, QdrantWrites writes, AliasResolver resolver, QdrantCollections collections) {
        this.settings = writes.settings();
        this.reads = reads;
        this.writes = writes;
        this.resolver = resolver;
        this.collections = collections;
        this.retirer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lectern-qdrant-retirer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Deletes one version of a lecture, its passages and transcript, after the grace period. */
    void retireVersion(String physical, String lectureId, String version) {
        Filter filter = QdrantPoints.version(lectureId, version);
        schedule(() -> writes.deleteQuietly(physical, filter, null), settings.retireAfter());
    }

    private void schedule(Runnable retirement, Duration after) {
        synchronized (pendingRetirements) {
            if (closed) {
                return;
            }
            Runnable once = new Runnable() {
                @Override
                public void run() {
                    synchronized (pendingRetirements) {
                        pendingRetirements.remove(this);
                    }
                    retirement.run();
                }
            };
            pendingRetirements.put(once, retirer.schedule(once, after.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    // ---- the sweep ----

    void scheduleSweeps() {
        if (sweepScheduled || closed) {
            return;
        }
        synchronized (pendingRetirements) {
            if (sweepScheduled || closed) {
                return;
            }
            sweepScheduled = true;
            retirer.scheduleWithFixedDelay(this::sweepQuietly, 0, SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.debugf("Sweeping the Qdrant collection failed (tried again in %s): %s", SWEEP_INTERVAL, e);
        }
    }

    /**
     * Deletes points of no active version that are old enough (left by a crashed writer, a lost retirement,
     * an activation that never landed, or a store closed before its retirements ran), then lets
     * {@link QdrantCollections#sweep} mark and drop the collections nobody uses any more.
     */
    private void sweep() {
        Optional<Layout> layout = resolver.refresh();
        if (layout.isEmpty()) {
            return;
        }
        String physical = layout.get().physicalName();
        Active active = reads.readActive(physical, null);
        long before = System.currentTimeMillis()
                - settings.retireAfter().plus(ORPHAN_AGE).toMillis();
        Filter orphans = QdrantPoints.orphans(active.versions(), before);
        writes.deleteUnwaited(physical, orphans, "sweep orphaned passages");
        collections.sweep(physical);
    }

    /**
     * Keeps this store's claim on a rebuild's collection alive while the rebuild runs, renewed every third of
     * the lease in the background, so that a lecture slow to embed does not let it lapse.
     */
    ScheduledFuture<?> keepClaim(String target) {
        long every = Math.max(1, settings.rebuildLease().toMillis() / 3);
        return retirer.scheduleWithFixedDelay(
                () -> {
                    try {
                        collections.renew(target);
                    } catch (RuntimeException e) {
                        // If renewals keep failing the claim may lapse; confirmHeld() then stops the switch.
                        LOG.debugf("Could not renew the rebuild's claim on %s: %s", target, e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /** Marks a collection the alias left and drops it after the grace period (or the sweep does, later). */
    void retireCollection(String physical) {
        try {
            collections.retired(physical);
        } catch (RuntimeException e) {
            LOG.debugf("Could not mark %s retired (the sweep will): %s", physical, e);
        }
        schedule(
                () -> {
                    try {
                        writes.dropCollection(physical);
                    } catch (RuntimeException e) {
                        LOG.debugf("Could not drop %s (the sweep will): %s", physical, e);
                    }
                },
                settings.retireAfter());
    }

    /** Cancels what is pending and stops the thread; nothing is scheduled afterwards. */
    void close() {
        synchronized (pendingRetirements) {
            closed = true;
            pendingRetirements.values().forEach(future -> future.cancel(false));
            pendingRetirements.clear();
        }
        retirer.shutdownNow();
    }
}
