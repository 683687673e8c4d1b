package dev.lectern.store.qdrant;

import dev.lectern.store.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The collections behind Lectern's alias: creating the first one when replicas start together, claiming a
 * rebuild's, and dropping what nobody uses any more. The rules are in {@link CollectionEpochs}; this class runs
 * them against a {@link Backend}, the few collection calls it needs, so that every race is tested without a
 * server ({@code QdrantCollectionsTest}). {@link QdrantStore} supplies the gRPC backend.
 */
final class QdrantCollections {

    private static final Logger LOG = Logger.getLogger(QdrantCollections.class);

    /** The collection calls the lifecycle needs. Failures are thrown as {@link QdrantCalls} throws them. */
    interface Backend {

        /** The collection the alias names, or a collection named like the alias, or empty. */
        Optional<String> resolve();

        /**
         * Creates a Lectern collection with the claim metadata ({@link CollectionEpochs#ALIAS},
         * {@link CollectionEpochs#OWNER}, {@link CollectionEpochs#LEASE_UNTIL}) and its payload indexes.
         *
         * @return true when this call created it; false when it existed already ({@code ALREADY_EXISTS})
         */
        boolean create(String name, int dimension, String owner, long leaseUntilMillis);

        /** The claim metadata of a collection. */
        Metadata metadata(String name);

        /** Merges numbers into a collection's metadata. */
        void putMetadata(String name, String key, long value);

        /** Tags a collection as made for {@code alias} ({@link CollectionEpochs#ALIAS}). */
        void tagAlias(String name, String alias);

        /** Points the alias at {@code target} in one request (removing it from {@code from} first, if any). */
        void pointAlias(Optional<String> from, String target);

        void drop(String name);

        List<String> collections();
    }

    /** What {@link CollectionEpochs} reads from a collection's metadata. */
    record Metadata(
            Optional<String> alias, Optional<String> owner, Optional<Long> leaseUntil, Optional<Long> retiredAt) {

        static final Metadata NONE =
                new Metadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private final String alias;
    private final String owner;
    private final String store;
    private final long leaseMillis;
    private final long graceMillis;
    private final Backend backend;
    private final LongSupplier clock;

    /**
     * @param alias the configured collection name
     * @param owner this store instance's id, as the holder of its claims
     * @param store the store in words, for messages
     * @param leaseMillis how long a claim holds without renewal
     * @param graceMillis how long a collection the alias left stays for searches that started on it
     */
    QdrantCollections(
            String alias,
            String owner,
            String store,
            long leaseMillis,
            long graceMillis,
            Backend backend,
            LongSupplier clock) {
        this.alias = alias;
        this.owner = owner;
        this.store = store;
        this.leaseMillis = leaseMillis;
        this.graceMillis = graceMillis;
        this.backend = backend;
        this.clock = clock;
    }

    String owner() {
        return owner;
    }

    /**
     * The collection a first write uses when the alias names none: {@code <alias>-e1}, created by whichever
     * replica gets there first. All of them point the alias at that same collection, so the repeated
     * {@code CreateAlias} (which silently repoints, see {@link CollectionEpochs}) changes nothing.
     *
     * @param dimension the vectors' dimension, should it be created
     * @return the collection the alias names afterwards
     */
    String ensureFirst(int dimension) {
        Optional<String> existing = backend.resolve();
        if (existing.isPresent()) {
            return existing.get();
        }
        String first = CollectionEpochs.name(alias, 1);
        boolean created = backend.create(first, dimension, owner, clock.getAsLong() + leaseMillis);
        Optional<String> meanwhile = backend.resolve();
        if (meanwhile.isPresent()) {
            if (created && !meanwhile.get().equals(first)) {
                // Another replica got further than creating the first collection: use what the alias names.
                dropIfOurs(first, null);
            }
            return meanwhile.get();
        }
        backend.pointAlias(Optional.empty(), first);
        return first;
    }

    /** How a rebuild's claim ended. */
    enum Claimed {
        /** This store holds the claim: rebuild into it. */
        CLAIMED,
        /** Another replica finished this very rebuild: nothing to do. */
        FINISHED_ELSEWHERE
    }

    /**
     * Claims {@code target} for a rebuild: creates it, or takes it over from a rebuild whose lease ran out.
     *
     * @throws StoreUnavailableException while another replica holds a live claim (try again later)
     */
    Claimed claim(String target, int dimension) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (backend.create(target, dimension, owner, clock.getAsLong() + leaseMillis)) {
                return Claimed.CLAIMED;
            }
            Metadata metadata = backend.metadata(target);
            CollectionEpochs.Claim claim = CollectionEpochs.claimOf(
                    target, backend.resolve(), metadata.owner(), metadata.leaseUntil(), owner, clock.getAsLong());
            switch (claim) {
                case OURS -> {
                    return Claimed.CLAIMED;
                }
                case FINISHED -> {
                    return Claimed.FINISHED_ELSEWHERE;
                }
                case IN_PROGRESS ->
                    throw new StoreUnavailableException(
                            store,
                            "another Lectern replica is rebuilding '" + alias + "' into " + target
                                    + "; this one keeps serving the current collection until the alias moves",
                            null);
                case ABANDONED -> {
                    LOG.warnf("Taking over %s from a rebuild whose lease ran out", target);
                    backend.drop(target);
                }
            }
        }
        throw new StoreUnavailableException(
                store, "another Lectern replica claimed " + target + " first; try again later", null);
    }

    /** Extends this store's claim on {@code target} by a lease from now. */
    void renew(String target) {
        backend.putMetadata(target, CollectionEpochs.LEASE_UNTIL, clock.getAsLong() + leaseMillis);
    }

    /** Fails unless this store still holds its claim on {@code target}. */
    void confirmHeld(String target) {
        Optional<String> holder = backend.metadata(target).owner();
        if (holder.isEmpty() || !holder.get().equals(owner)) {
            throw new IllegalStateException("this rebuild's claim on " + target
                    + " lapsed and another replica took it over; nothing was" + " switched");
        }
    }

    /**
     * Moves the alias from {@code old} to {@code target} in one request, unless it names {@code target}
     * already; fails when it names something else than {@code old} (another rebuild switched meanwhile).
     */
    void switchAlias(Optional<String> old, String target) {
        Optional<String> now = backend.resolve();
        if (now.equals(Optional.of(target))) {
            return;
        }
        if (!now.equals(old)) {
            throw new StoreUnavailableException(
                    store,
                    "the alias '" + alias + "' moved to " + now.orElse("nothing") + " while this rebuild ran; nothing"
                            + " was switched, rebuild again",
                    null);
        }
        backend.pointAlias(old, target);
    }

    /**
     * Notes when the alias left {@code physical}, so that the sweep drops it a grace period later; tags it as
     * this alias's, since it was the alias's target (a collection from before the tag gets it here).
     */
    void retired(String physical) {
        backend.tagAlias(physical, alias);
        markRetired(physical);
    }

    private void markRetired(String physical) {
        backend.putMetadata(physical, CollectionEpochs.RETIRED_AT, clock.getAsLong());
    }

    /**
     * Drops {@code physical} if this store holds its claim and the alias does not name it: never another
     * replica's collection, nor one in use.
     */
    void dropIfOurs(String physical, Throwable reportTo) {
        try {
            Optional<String> holder = backend.metadata(physical).owner();
            if (holder.isPresent()
                    && holder.get().equals(owner)
                    && !backend.resolve().equals(Optional.of(physical))) {
                backend.drop(physical);
            }
        } catch (RuntimeException e) {
            if (reportTo != null) {
                reportTo.addSuppressed(e);
            }
            LOG.warnf("Could not drop the Qdrant collection %s (the sweep will, once its lease ends): %s", physical, e);
        }
    }

    /**
     * Marks the collections the alias left, and drops them once their grace period is over, along with claims
     * of rebuilds that died; only collections named by Lectern's scheme for this alias.
     *
     * @param active the collection the alias names
     */
    void sweep(String active) {
        for (String name : backend.collections()) {
            if (name.equals(active) || !CollectionEpochs.belongsTo(alias, name)) {
                continue;
            }
            Metadata metadata = backend.metadata(name);
            CollectionEpochs.Fate fate = CollectionEpochs.fateOf(
                    alias,
                    active,
                    name,
                    metadata.alias(),
                    metadata.leaseUntil(),
                    metadata.retiredAt(),
                    graceMillis,
                    clock.getAsLong());
            switch (fate) {
                case KEEP -> {}
                case MARK_RETIRED -> markRetired(name);
                case DROP -> {
                    LOG.infof("Dropping the Qdrant collection %s, which '%s' no longer uses", name, alias);
                    backend.drop(name);
                }
            }
        }
    }
}
