package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.store.StoreUnavailableException;
import dev.lectern.store.qdrant.QdrantCollections.Claimed;
import dev.lectern.store.qdrant.QdrantCollections.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Replicas racing for the collections behind one alias, against a stand-in that keeps Qdrant's rules that
 * matter here: creating an existing collection answers "exists", and pointing the alias silently repoints it.
 */
class QdrantCollectionsTest {

    private static final long LEASE = 120_000L;
    private static final long GRACE = 60_000L;

    private final AtomicLong clock = new AtomicLong(1_000_000L);
    private final FakeQdrant qdrant = new FakeQdrant();

    @Test
    void replicasStartingTogetherShareOneCollection() {
        QdrantCollections a = replica("a");
        QdrantCollections b = replica("b");
        // b runs its whole start while a is between creating the collection and pointing the alias.
        List<String> seenByB = new ArrayList<>();
        qdrant.afterCreate = name -> {
            qdrant.afterCreate = null;
            seenByB.add(b.ensureFirst(8));
        };
        String seenByA = a.ensureFirst(8);

        assertEquals(List.of("lectern-e1"), List.copyOf(qdrant.collections.keySet()), "one collection, none leaked");
        assertEquals(Optional.of("lectern-e1"), qdrant.alias);
        assertEquals("lectern-e1", seenByA);
        assertEquals(List.of("lectern-e1"), seenByB, "both write where the alias points");
        assertEquals(1, qdrant.creations, "the second creation was refused as existing");
    }

    @Test
    void replicaThatLostTheAliasRaceUsesTheWinnersCollectionAndDropsItsOwn() {
        QdrantCollections a = replica("a");
        qdrant.afterCreate = name -> {
            qdrant.afterCreate = null;
            // Meanwhile another replica got a whole lifecycle further: the alias names another collection.
            qdrant.collections.put(
                    "lectern-e2",
                    new Metadata(Optional.of("lectern"), Optional.of("b"), Optional.empty(), Optional.empty()));
            qdrant.alias = Optional.of("lectern-e2");
        };
        assertEquals("lectern-e2", a.ensureFirst(8));
        assertEquals(List.of("lectern-e2"), List.copyOf(qdrant.collections.keySet()));
        assertEquals(Optional.of("lectern-e2"), qdrant.alias, "never repointed to the loser's collection");
    }

    @Test
    void existingAliasIsUsedAsIs() {
        qdrant.collections.put("lectern-e4", Metadata.NONE);
        qdrant.alias = Optional.of("lectern-e4");
        assertEquals("lectern-e4", replica("a").ensureFirst(8));
        assertEquals(0, qdrant.creations);
    }

    @Test
    void rebuildWaitsForAnotherReplicasLiveClaim() {
        qdrant.alias = Optional.of("lectern-e1");
        qdrant.collections.put("lectern-e1", Metadata.NONE);
        assertEquals(Claimed.CLAIMED, replica("b").claim("lectern-e2", 8));

        StoreUnavailableException waiting =
                assertThrows(StoreUnavailableException.class, () -> replica("a").claim("lectern-e2", 8));
        assertTrue(waiting.getMessage().contains("another Lectern replica is rebuilding"), waiting.getMessage());
        assertEquals(Optional.of("b"), qdrant.collections.get("lectern-e2").owner(), "the claim stays b's");
    }

    @Test
    void rebuildTakesOverAClaimWhoseLeaseRanOut() {
        qdrant.alias = Optional.of("lectern-e1");
        replica("b").claim("lectern-e2", 8);
        clock.addAndGet(LEASE + 1);
        assertEquals(Claimed.CLAIMED, replica("a").claim("lectern-e2", 8));
        assertEquals(Optional.of("a"), qdrant.collections.get("lectern-e2").owner());
        assertThrows(IllegalStateException.class, () -> replica("b").confirmHeld("lectern-e2"), "b must not switch");
    }

    @Test
    void rebuildRepeatedAfterItsOwnUnansweredCreationCarriesOn() {
        QdrantCollections a = replica("a");
        a.claim("lectern-e2", 8);
        assertEquals(Claimed.CLAIMED, a.claim("lectern-e2", 8), "ALREADY_EXISTS on our own claim");
    }

    @Test
    void rebuildFinishedElsewhereIsNotRepeated() {
        replica("b").claim("lectern-e2", 8);
        qdrant.alias = Optional.of("lectern-e2");
        assertEquals(Claimed.FINISHED_ELSEWHERE, replica("a").claim("lectern-e2", 8));
    }

    @Test
    void aliasSwitchRefusesWhenAnotherRebuildMovedIt() {
        QdrantCollections a = replica("a");
        qdrant.alias = Optional.of("lectern-e3");
        assertThrows(StoreUnavailableException.class, () -> a.switchAlias(Optional.of("lectern-e1"), "lectern-e2"));
        assertEquals(Optional.of("lectern-e3"), qdrant.alias);

        qdrant.alias = Optional.of("lectern-e1");
        a.switchAlias(Optional.of("lectern-e1"), "lectern-e2");
        assertEquals(Optional.of("lectern-e2"), qdrant.alias);
        a.switchAlias(Optional.of("lectern-e1"), "lectern-e2"); // already there: nothing to do
        assertEquals(1, qdrant.aliasChanges);
    }

    @Test
    void dropsOnlyItsOwnClaimsAndNeverTheCollectionInUse() {
        QdrantCollections a = replica("a");
        a.claim("lectern-e2", 8);
        replica("b").claim("lectern-e3", 8);
        a.dropIfOurs("lectern-e3", null);
        assertTrue(qdrant.collections.containsKey("lectern-e3"), "b's claim");
        qdrant.alias = Optional.of("lectern-e2");
        a.dropIfOurs("lectern-e2", null);
        assertTrue(qdrant.collections.containsKey("lectern-e2"), "the alias names it");
        qdrant.alias = Optional.of("lectern-e1");
        a.dropIfOurs("lectern-e2", null);
        assertTrue(!qdrant.collections.containsKey("lectern-e2"));
    }

    @Test
    void sweepDropsRetiredCollectionsAfterTheirGraceAndDeadClaims() {
        QdrantCollections a = replica("a");
        Metadata ours = new Metadata(Optional.of("lectern"), Optional.empty(), Optional.empty(), Optional.empty());
        qdrant.collections.put("lectern-e1", ours);
        qdrant.collections.put("lectern-e2", ours);
        qdrant.collections.put("lectern-0badcafe", Metadata.NONE); // named like ours, never tagged
        qdrant.alias = Optional.of("lectern-e2");
        replica("b").claim("lectern-e3", 8); // a rebuild that will die
        qdrant.collections.put("notes", Metadata.NONE); // not Lectern's

        a.sweep("lectern-e2");
        assertTrue(qdrant.collections.get("lectern-e1").retiredAt().isPresent(), "marked first");
        assertTrue(qdrant.collections.containsKey("lectern-e1"), "searches may still run on it");
        assertTrue(qdrant.collections.containsKey("lectern-e3"), "its lease is live");

        clock.addAndGet(Math.max(GRACE, LEASE) + 1);
        a.sweep("lectern-e2");
        assertEquals(List.of("lectern-e2", "lectern-0badcafe", "notes"), List.copyOf(qdrant.collections.keySet()));
    }

    @Test
    void collectionTheAliasLeftIsTaggedSoTheSweepCanDropItLater() {
        qdrant.collections.put("lectern-0badcafe", Metadata.NONE); // from before epochs
        QdrantCollections a = replica("a");
        a.retired("lectern-0badcafe");
        clock.addAndGet(GRACE);
        a.sweep("lectern-e1");
        assertTrue(!qdrant.collections.containsKey("lectern-0badcafe"));
    }

    private QdrantCollections replica(String owner) {
        return new QdrantCollections("lectern", owner, "Qdrant at test:6334", LEASE, GRACE, qdrant, clock::get);
    }

    /** The collection rules of Qdrant that the lifecycle depends on, in memory. */
    private final class FakeQdrant implements QdrantCollections.Backend {
        final Map<String, Metadata> collections = new LinkedHashMap<>();
        Optional<String> alias = Optional.empty();
        Consumer<String> afterCreate;
        int creations;
        int aliasChanges;

        @Override
        public Optional<String> resolve() {
            return alias;
        }

        @Override
        public boolean create(String name, int dimension, String owner, long leaseUntilMillis) {
            if (collections.containsKey(name)) {
                return false;
            }
            collections.put(
                    name,
                    new Metadata(
                            Optional.of("lectern"),
                            Optional.of(owner),
                            Optional.of(leaseUntilMillis),
                            Optional.empty()));
            creations++;
            if (afterCreate != null) {
                afterCreate.accept(name);
            }
            return true;
        }

        @Override
        public Metadata metadata(String name) {
            Metadata metadata = collections.get(name);
            if (metadata == null) {
                throw new StoreUnavailableException("Qdrant at test:6334", "no collection " + name, null);
            }
            return metadata;
        }

        @Override
        public void putMetadata(String name, String key, long value) {
            Metadata old = metadata(name);
            collections.put(
                    name,
                    switch (key) {
                        case CollectionEpochs.LEASE_UNTIL ->
                            new Metadata(old.alias(), old.owner(), Optional.of(value), old.retiredAt());
                        case CollectionEpochs.RETIRED_AT ->
                            new Metadata(old.alias(), old.owner(), old.leaseUntil(), Optional.of(value));
                        default -> throw new IllegalArgumentException(key);
                    });
        }

        @Override
        public void tagAlias(String name, String alias) {
            Metadata old = metadata(name);
            collections.put(name, new Metadata(Optional.of(alias), old.owner(), old.leaseUntil(), old.retiredAt()));
        }

        @Override
        public void pointAlias(Optional<String> from, String target) {
            // Qdrant's CreateAlias overwrites whatever the alias named (alias_mapping.rs: a map insert).
            alias = Optional.of(target);
            aliasChanges++;
        }

        @Override
        public void drop(String name) {
            collections.remove(name);
            if (alias.equals(Optional.of(name))) {
                alias = Optional.empty(); // Qdrant removes a deleted collection's aliases
            }
        }

        @Override
        public List<String> collections() {
            return List.copyOf(collections.keySet());
        }
    }
}
