package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;
import static dev.lectern.store.qdrant.QdrantPoints.SPARSE;

import dev.lectern.store.IndexRecipe;
import dev.lectern.store.RecipeMismatchException;
import dev.lectern.store.StoreRefusedException;
import dev.lectern.store.StoreUnavailableException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which collection the configured alias names, checked to be Lectern's (its vectors, its recipe, a recent enough
 * server). Reads reuse a resolution for {@link #LAYOUT_TTL}; writes resolve afresh ({@link #refresh()}) and
 * confirm afterwards that the alias did not move ({@link #confirmAliasStill}).
 */
final class AliasResolver {

    /** The oldest server Lectern works with: {@code Rrf{k}} and {@code UpsertPoints.update_filter} are 1.16. */
    static final String MINIMUM_SERVER_VERSION = "1.16.0";

    /**
     * How long a read trusts the alias's last resolution. Far below the grace period before a retired collection
     * is dropped, so a read that starts on the old collection just after a switch still finds it whole.
     */
    static final Duration LAYOUT_TTL = Duration.ofSeconds(5);

    /** The collection behind the alias, checked to be Lectern's. */
    record Layout(String physicalName, int dimension) {}

    private record Resolved(Layout layout, long atNanos) {}

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;
    private final QdrantReads reads;

    /** Told each time a resolution finds the collection: the store starts its sweeps then. */
    private final Runnable onFound;

    /** The checked layout of the aliased collection and when it was resolved, or null. */
    private volatile Resolved resolved;

    private volatile boolean versionChecked;

    AliasResolver(
            QdrantSettings settings, QdrantClient client, QdrantCalls calls, QdrantReads reads, Runnable onFound) {
        this.settings = settings;
        this.client = client;
        this.calls = calls;
        this.reads = reads;
        this.onFound = onFound;
    }

    /** The checked collection behind the alias for a read: the last resolution if recent, or a new one. */
    Optional<Layout> current() {
        Resolved known = resolved;
        if (known != null && System.nanoTime() - known.atNanos() < LAYOUT_TTL.toNanos()) {
            return Optional.of(known.layout());
        }
        return refresh();
    }

    /** Resolves the alias now; checks the collection when it is not the one last seen. */
    Optional<Layout> refresh() {
        long at = System.nanoTime();
        Optional<String> physical = resolve();
        if (physical.isEmpty()) {
            resolved = null;
            return Optional.empty();
        }
        Resolved known = resolved;
        Layout layout = known != null && known.layout().physicalName().equals(physical.get())
                ? known.layout()
                : check(physical.get());
        resolved = new Resolved(layout, at);
        onFound.run();
        return Optional.of(layout);
    }

    /** After {@code NOT_FOUND}: the collection or alias is gone; the next call resolves it again. */
    void forget() {
        resolved = null;
    }

    /** The collection the configured name stands for: the alias's target, or a collection of that name. */
    Optional<String> resolve() {
        List<AliasDescription> aliases = calls.call("list aliases", () -> client.listAliasesAsync(settings.timeout()));
        for (AliasDescription alias : aliases) {
            if (alias.getAliasName().equals(settings.collection())) {
                return Optional.of(alias.getCollectionName());
            }
        }
        List<String> collections =
                calls.call("list collections", () -> client.listCollectionsAsync(settings.timeout()));
        return collections.contains(settings.collection()) ? Optional.of(settings.collection()) : Optional.empty();
    }

    /** After a write: fails when a rebuild moved the alias meanwhile, as the write may then be lost. */
    void confirmAliasStill(String physical, String what) {
        Optional<String> now = resolve();
        if (now.isEmpty() || !now.get().equals(physical)) {
            forget();
            throw new StoreUnavailableException(
                    settings.describe(),
                    "the alias '" + settings.collection() + "' moved from " + physical + " to " + now.orElse("nothing")
                            + " while Lectern was to " + what + "; it may not have been kept, repeat the request",
                    null);
        }
    }

    /** Fails when the collection was not made by Lectern, does not match its recipe, or the server is too old. */
    private Layout check(String physical) {
        checkServerVersion();
        CollectionParams params = calls.call(
                        "read collection " + physical,
                        () -> client.getCollectionInfoAsync(physical, settings.timeout()))
                .getConfig()
                .getParams();
        Map<String, VectorParams> dense = params.getVectorsConfig().hasParamsMap()
                ? params.getVectorsConfig().getParamsMap().getMapMap()
                : Map.of();
        VectorParams vector = dense.get(DENSE);
        boolean hasSparse = params.getSparseVectorsConfig().getMapMap().containsKey(SPARSE);
        String expected = "a dense vector '" + DENSE + "' with Cosine distance and a sparse vector '" + SPARSE + "'";
        if (vector == null || !hasSparse) {
            throw new StoreRefusedException("The Qdrant collection '" + physical + "' (lectern.qdrant.collection="
                    + settings.collection() + ") was not made by Lectern: it needs " + expected + ", but has dense "
                    + dense.keySet() + " and sparse "
                    + params.getSparseVectorsConfig().getMapMap().keySet()
                    + ". Choose another lectern.qdrant.collection, or delete that collection.");
        }
        if (vector.getDistance() != Distance.Cosine) {
            throw new StoreRefusedException("The Qdrant collection '" + physical + "' measures '" + DENSE + "' with "
                    + vector.getDistance() + " distance, but Lectern's vectors need Cosine. Choose another"
                    + " lectern.qdrant.collection, or delete that collection.");
        }
        Layout checked = new Layout(physical, (int) vector.getSize());
        Optional<IndexRecipe> recipe = reads.readRecipe(physical);
        if (recipe.isPresent() && recipe.get().dimension() != checked.dimension()) {
            throw new RecipeMismatchException(mismatch(checked, recipe.get().dimension()) + " (its own recipe says "
                    + recipe.get().describe() + ")");
        }
        return checked;
    }

    private void checkServerVersion() {
        if (versionChecked) {
            return;
        }
        String version = calls.call("check the server version", () -> client.healthCheckAsync(settings.timeout()))
                .getVersion();
        if (!supportsServerVersion(version)) {
            throw new StoreRefusedException(settings.describe() + " runs Qdrant " + version + ", but Lectern needs "
                    + MINIMUM_SERVER_VERSION + " or later (conditional upserts and RRF with k); upgrade Qdrant");
        }
        versionChecked = true;
    }

    /** Whether Lectern works with a server reporting {@code version} ({@code 1.16.0}, {@code 1.17.1-dev}, ...). */
    static boolean supportsServerVersion(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 1 || (major == 1 && minor >= 16);
        } catch (NumberFormatException e) {
            return true; // an unusual build string: let the calls themselves tell
        }
    }

    static String mismatch(Layout layout, int dimension) {
        return "The Qdrant collection '" + layout.physicalName() + "' holds " + layout.dimension()
                + "-dimensional vectors but Lectern's model makes " + dimension + "-dimensional ones; Lectern will"
                + " not mix them. Choose another lectern.qdrant.collection, or configure the model it was built with.";
    }

    /** Uses {@code layout} from now on: a rebuild has just pointed the alias at it. */
    void adopt(Layout layout) {
        resolved = new Resolved(layout, System.nanoTime());
    }
}
