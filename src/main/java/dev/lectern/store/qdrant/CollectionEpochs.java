package dev.lectern.store.qdrant;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Lectern names the collections behind its alias, and what it may do with each. Pure, so the decisions are
 * tested without a server ({@code CollectionEpochsTest}); {@link QdrantCollections} acts on them.
 *
 * <p><b>Creation is the lock.</b> Qdrant's {@code CreateAlias} never fails on an existing alias: its alias
 * persistence is a plain map insert, so the last caller silently repoints it
 * ({@code lib/storage/src/content_manager/toc/collection_meta_ops.rs} {@code update_aliases},
 * {@code lib/storage/src/content_manager/alias_mapping.rs} {@code insert}). Creating a collection, on the other
 * hand, fails with {@code ALREADY_EXISTS} when the name is taken, and collection creation goes through consensus
 * on a cluster. So every collection Lectern makes has a deterministic name, {@code <alias>-e<epoch>}: the first
 * is epoch 1, a rebuild of epoch {@code n} creates epoch {@code n + 1}. Of two replicas that start together, or
 * rebuild together, exactly one creates the collection; the other learns it lost from {@code ALREADY_EXISTS}.
 *
 * <p>A rebuild holds its claim with a lease in the collection's metadata ({@link #LEASE_UNTIL}), renewed while it
 * writes; a claim whose lease ran out belongs to a rebuild that died, and is dropped.
 */
final class CollectionEpochs {

    /** Collection metadata: the alias the collection was made for. Only such collections are ever dropped. */
    static final String ALIAS = "lectern_alias";

    /** Collection metadata: the writer holding the claim (a random id per store instance). */
    static final String OWNER = "lectern_owner";

    /** Collection metadata: epoch millis until which the claim holds unless renewed. */
    static final String LEASE_UNTIL = "lectern_lease_until";

    /** Collection metadata: epoch millis at which the alias moved away from this collection. */
    static final String RETIRED_AT = "lectern_retired_at";

    private static final Pattern LEGACY = Pattern.compile("[0-9a-f]{8}");

    private CollectionEpochs() {}

    /** The collection of {@code epoch} behind {@code alias}. */
    static String name(String alias, int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, was " + epoch);
        }
        return alias + "-e" + epoch;
    }

    /** The epoch of {@code physical}, or empty for a name Lectern did not give this way. */
    static OptionalInt epoch(String alias, String physical) {
        String prefix = alias + "-e";
        if (!physical.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        Matcher digits = Pattern.compile("[1-9][0-9]{0,8}").matcher(physical.substring(prefix.length()));
        return digits.matches() ? OptionalInt.of(Integer.parseInt(digits.group())) : OptionalInt.empty();
    }

    /**
     * The collection a rebuild of {@code current} creates. A collection of the older random-suffix naming, or
     * the alias name itself, counts as epoch 0.
     */
    static String next(String alias, String current) {
        return name(alias, epoch(alias, current).orElse(0) + 1);
    }

    /** Whether {@code physical} was named by Lectern for {@code alias}: by epoch, or by the older 8-hex suffix. */
    static boolean belongsTo(String alias, String physical) {
        if (epoch(alias, physical).isPresent()) {
            return true;
        }
        String prefix = alias + "-";
        return physical.startsWith(prefix)
                && LEGACY.matcher(physical.substring(prefix.length())).matches();
    }

    /** What a rebuild finds when the collection it would create exists already. */
    enum Claim {
        /** This writer holds it (its own earlier attempt, e.g. a creation that timed out yet happened). */
        OURS,
        /** Another writer holds a live lease: it is rebuilding; wait for it. */
        IN_PROGRESS,
        /** The alias points at it already: another writer finished the rebuild. */
        FINISHED,
        /** A claim whose lease ran out (its writer died): drop it and claim again. */
        ABANDONED
    }

    /**
     * @param target the collection the rebuild would create
     * @param aliasTarget the collection the alias names now
     * @param owner the claim's {@link #OWNER}, if any
     * @param leaseUntil the claim's {@link #LEASE_UNTIL}, if any
     * @param me this writer's id
     * @param nowMillis the current time
     */
    static Claim claimOf(
            String target,
            Optional<String> aliasTarget,
            Optional<String> owner,
            Optional<Long> leaseUntil,
            String me,
            long nowMillis) {
        if (aliasTarget.isPresent() && aliasTarget.get().equals(target)) {
            return Claim.FINISHED;
        }
        if (owner.isPresent() && owner.get().equals(me)) {
            return Claim.OURS;
        }
        if (leaseUntil.isPresent() && leaseUntil.get() > nowMillis) {
            return Claim.IN_PROGRESS;
        }
        return Claim.ABANDONED;
    }

    /** What the sweep does with a collection under the alias that the alias does not name. */
    enum Fate {
        KEEP,
        /** A collection the alias left: note the time, so it is dropped a grace period later. */
        MARK_RETIRED,
        DROP
    }

    /**
     * @param alias the alias
     * @param active the collection the alias names
     * @param candidate another collection
     * @param madeForAlias the candidate's {@link #ALIAS} metadata, if any: set when Lectern creates a collection,
     *     and when a rebuild retires one (so a collection from before that metadata is tagged as it leaves)
     * @param leaseUntil the candidate's {@link #LEASE_UNTIL}, if any
     * @param retiredAt the candidate's {@link #RETIRED_AT}, if any
     * @param graceMillis how long a retired collection stays for searches that started on it
     */
    static Fate fateOf(
            String alias,
            String active,
            String candidate,
            Optional<String> madeForAlias,
            Optional<Long> leaseUntil,
            Optional<Long> retiredAt,
            long graceMillis,
            long nowMillis) {
        if (candidate.equals(active) || !belongsTo(alias, candidate)) {
            return Fate.KEEP;
        }
        // Named like ours is not enough to delete data: only collections tagged for this alias are touched.
        if (!madeForAlias.map(alias::equals).orElse(false)) {
            return Fate.KEEP;
        }
        OptionalInt candidateEpoch = epoch(alias, candidate);
        int activeEpoch = epoch(alias, active).orElse(0);
        if (candidateEpoch.isPresent() && candidateEpoch.getAsInt() > activeEpoch) {
            // A rebuild's claim: dropped only once its lease ran out.
            return leaseUntil.isPresent() && leaseUntil.get() > nowMillis ? Fate.KEEP : Fate.DROP;
        }
        // An older collection the alias left.
        if (retiredAt.isEmpty()) {
            return Fate.MARK_RETIRED;
        }
        return nowMillis - retiredAt.get() >= graceMillis ? Fate.DROP : Fate.KEEP;
    }
}
