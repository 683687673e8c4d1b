package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.store.qdrant.CollectionEpochs.Claim;
import dev.lectern.store.qdrant.CollectionEpochs.Fate;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Collection names as locks: who creates, who waits, who takes over, and what the sweep may drop. */
class CollectionEpochsTest {

    private static final long NOW = 1_000_000L;
    private static final long GRACE = 60_000L;

    @Test
    void replicasStartingTogetherAllAimAtTheSameFirstCollection() {
        // Deterministic: of two replicas creating it, one gets ALREADY_EXISTS and joins the other.
        assertEquals("lectern-e1", CollectionEpochs.name("lectern", 1));
        assertEquals(CollectionEpochs.name("lectern", 1), CollectionEpochs.next("lectern", "lectern"));
    }

    @Test
    void rebuildsClaimTheNextEpoch() {
        assertEquals("lectern-e2", CollectionEpochs.next("lectern", "lectern-e1"));
        assertEquals("lectern-e10", CollectionEpochs.next("lectern", "lectern-e9"));
        // A collection from before epochs (random suffix) counts as epoch 0.
        assertEquals("lectern-e1", CollectionEpochs.next("lectern", "lectern-1a2b3c4d"));
        assertEquals(OptionalInt.of(7), CollectionEpochs.epoch("lectern", "lectern-e7"));
        assertEquals(OptionalInt.empty(), CollectionEpochs.epoch("lectern", "lectern-e07"));
        assertEquals(OptionalInt.empty(), CollectionEpochs.epoch("lectern", "lectern-test-e1"));
    }

    @Test
    void onlyLecternsOwnNamesBelongToTheAlias() {
        assertTrue(CollectionEpochs.belongsTo("lectern", "lectern-e3"));
        assertTrue(CollectionEpochs.belongsTo("lectern", "lectern-0badcafe"));
        assertFalse(CollectionEpochs.belongsTo("lectern", "lectern-test-e1"), "another deployment's alias");
        assertFalse(CollectionEpochs.belongsTo("lectern", "lectern"));
        assertFalse(CollectionEpochs.belongsTo("lectern", "other-e1"));
    }

    @Test
    void rebuildLosingTheCreationRaceWaitsForTheWinner() {
        assertEquals(
                Claim.IN_PROGRESS,
                CollectionEpochs.claimOf(
                        "lectern-e2", Optional.of("lectern-e1"), Optional.of("them"), Optional.of(NOW + 1), "me", NOW));
    }

    @Test
    void rebuildFindingItsOwnEarlierCreationCarriesOn() {
        // A creation that timed out yet happened: the retry got ALREADY_EXISTS on our own claim.
        assertEquals(
                Claim.OURS,
                CollectionEpochs.claimOf(
                        "lectern-e2", Optional.of("lectern-e1"), Optional.of("me"), Optional.of(NOW + 1), "me", NOW));
    }

    @Test
    void rebuildFinishedElsewhereIsNotRepeated() {
        assertEquals(
                Claim.FINISHED,
                CollectionEpochs.claimOf(
                        "lectern-e2", Optional.of("lectern-e2"), Optional.of("them"), Optional.of(NOW - 1), "me", NOW));
    }

    @Test
    void claimOfADeadRebuildIsTakenOver() {
        assertEquals(
                Claim.ABANDONED,
                CollectionEpochs.claimOf(
                        "lectern-e2", Optional.of("lectern-e1"), Optional.of("them"), Optional.of(NOW), "me", NOW));
        assertEquals(
                Claim.ABANDONED,
                CollectionEpochs.claimOf(
                        "lectern-e2", Optional.of("lectern-e1"), Optional.empty(), Optional.empty(), "me", NOW));
    }

    @Test
    void sweepKeepsTheActiveCollectionAndOthersAliases() {
        assertEquals(Fate.KEEP, fate("lectern-e2", "lectern-e2", "lectern", null, null));
        assertEquals(Fate.KEEP, fate("lectern-e2", "lectern-test-e1", "lectern-test", null, null));
    }

    @Test
    void sweepMarksThenDropsCollectionsTheAliasLeft() {
        assertEquals(Fate.MARK_RETIRED, fate("lectern-e2", "lectern-e1", "lectern", null, null));
        assertEquals(Fate.KEEP, fate("lectern-e2", "lectern-e1", "lectern", null, NOW - GRACE + 1), "still in grace");
        assertEquals(Fate.DROP, fate("lectern-e2", "lectern-e1", "lectern", null, NOW - GRACE));
        assertEquals(Fate.DROP, fate("lectern-e2", "lectern-0badcafe", "lectern", null, NOW - GRACE), "pre-epoch name");
        assertEquals(
                Fate.KEEP,
                fate("lectern-e2", "lectern-0badcafe", null, null, null),
                "named like ours but never tagged: never touched");
    }

    @Test
    void sweepDropsAbandonedRebuildsButNotLiveOnes() {
        assertEquals(Fate.KEEP, fate("lectern-e2", "lectern-e3", "lectern", NOW + 1, null), "a rebuild under way");
        assertEquals(Fate.DROP, fate("lectern-e2", "lectern-e3", "lectern", NOW - 1, null), "its lease ran out");
        assertEquals(Fate.KEEP, fate("lectern-e2", "lectern-e3", null, NOW - 1, null), "not made by Lectern");
    }

    private static Fate fate(String active, String candidate, String alias, Long leaseUntil, Long retiredAt) {
        return CollectionEpochs.fateOf(
                "lectern",
                active,
                candidate,
                Optional.ofNullable(alias),
                Optional.ofNullable(leaseUntil),
                Optional.ofNullable(retiredAt),
                GRACE,
                NOW);
    }
}
