package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;
import static dev.lectern.store.qdrant.QdrantPoints.SPARSE;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.RecipeMismatchException;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.StoreUnavailableException;
import io.grpc.ManagedChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WriteOrdering;
import io.qdrant.client.grpc.Points.WriteOrderingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The {@link PassageStore} on a Qdrant collection, for corpora that outgrow one machine. What it keeps and how
 * is in {@link QdrantPoints}; docs/qdrant.md explains the design and the guarantees on a cluster.
 *
 * <p><b>Re-ingest without a mix.</b> Each write of a lecture is a new <em>generation</em> (a random UUID): its
 * passages and transcript are written first, invisible, then one conditional upsert of the lecture record makes
 * it the active generation ({@link Activation}), and the generation it replaced is deleted
 * {@link QdrantSettings#retireAfter()} later. A search reads the active generations, then queries with a filter
 * on them; a generation is complete before it becomes active and stays complete until well after it stops being
 * active, so every search sees whole versions only.
 *
 * <p><b>One collection per operation.</b> The alias is resolved once per operation and every call of that
 * operation names the physical collection, so no operation straddles a rebuild's alias switch. Reads reuse the
 * resolution for {@link #LAYOUT_TTL}; writes resolve afresh, and check afterwards that the alias did not move.
 *
 * <p><b>Collections</b> are named by epoch and created as a lock ({@link CollectionEpochs}); a rebuild holds its
 * claim with a lease, and a periodic sweep drops what a dead rebuild or a retired collection left behind.
 *
 * <p><b>Faults.</b> Nothing connects at construction; every call has a deadline and transient failures are
 * retried ({@link QdrantCalls}, classified by {@link QdrantOutcome}); when Qdrant stays unreachable, calls throw
 * {@link StoreUnavailableException}.
 */
public final class QdrantStore implements PassageStore {

    private static final Logger LOG = Logger.getLogger(QdrantStore.class);

    /**
     * Qdrant's RRF scores a point {@code 1 / (k + position)} per prefetch, counting positions from 0; k = 61
     * makes that the embedded store's {@code 1 / (60 + rank)} with ranks from 1.
     */
    static final int QDRANT_RRF_K = 61;

    /** Fused score of a passage first in both legs: what hybrid scores are divided by. */
    static final double BEST_FUSED = 2.0 / QDRANT_RRF_K;

    /** The oldest server Lectern works with: {@code Rrf{k}} and {@code UpsertPoints.update_filter} are 1.16. */
    static final String MINIMUM_SERVER_VERSION = "1.16.0";

    /** Records read per scroll request. */
    private static final int SCROLL_PAGE = 256;

    /** Orphaned passages are swept once they are this much older than the retirement delay. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    /** How often the sweep of orphans and left-over collections runs. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

    /**
     * How long a read trusts the alias's last resolution. Far below the grace period before a retired collection
     * is dropped, so a read that starts on the old collection just after a switch still finds it whole.
     */
    static final Duration LAYOUT_TTL = Duration.ofSeconds(5);

    /**
     * How long searches over all lectures reuse the set of active generations. A write through this store
     * clears it at once; another replica's write shows after at most this long.
     */
    static final Duration ACTIVE_SET_TTL = Duration.ofSeconds(1);

    /** Largest answer accepted from Qdrant (gRPC's default is 4 MiB, too small for a scroll page of records). */
    static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;
    private final SparseTerms terms = new SparseTerms();

    /** The collections behind the alias: creation as the lock, rebuild claims, dropping what is unused. */
    private final QdrantCollections collections;

    /** Serialises this process's writes; writes of other processes are ordered by conditional activations. */
    private final ReentrantLock writeLock = new ReentrantLock();

    /** Deletes retired generations and collections after their grace period, and runs the sweep. */
    private final ScheduledExecutorService retirer;

    private final Map<Runnable, ScheduledFuture<?>> pendingRetirements = new HashMap<>();

    /** The checked layout of the aliased collection and when it was resolved, or null. */
    private volatile Resolved resolved;

    /** The active set of all lectures and when it was read, or null. */
    private volatile CachedActive activeCache;

    private volatile boolean sweepScheduled;

    private volatile boolean versionChecked;

    private volatile boolean closed;

    /** The collection behind the alias, checked to be Lectern's. */
    record Layout(String physicalName, int dimension) {}

    private record Resolved(Layout layout, long atNanos) {}

    private record CachedActive(String physicalName, Active active, long atNanos) {}

    private QdrantStore(QdrantSettings settings, QdrantClient client, StoreTelemetry telemetry) {
        this.settings = settings;
        this.client = client;
        this.calls = new QdrantCalls(
                        settings.describe(),
                        settings.timeout(),
                        settings.retries(),
                        settings.retryBackoff(),
                        this::reconnect,
                        this::forgetLayout)
                .reportingTo(telemetry);
        this.collections = new QdrantCollections(
                settings.collection(),
                UUID.randomUUID().toString(),
                settings.describe(),
                settings.rebuildLease().toMillis(),
                settings.retireAfter().toMillis(),
                new GrpcCollections(settings, client, calls, this::resolve),
                System::currentTimeMillis);
        this.retirer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lectern-qdrant-retirer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A store on the configured server. Does not connect: the first call does, so Lectern starts while Qdrant is
     * down.
     */
    public static QdrantStore open(QdrantSettings settings) {
        return open(settings, StoreTelemetry.NONE);
    }

    /**
     * A store as {@link #open(QdrantSettings)} makes, reporting each call's latency, failures and span to
     * {@code telemetry}.
     */
    public static QdrantStore open(QdrantSettings settings, StoreTelemetry telemetry) {
        // No version check here: it would call the server at start, where Qdrant may well be down. The first
        // call that finds the collection checks it.
        ManagedChannelBuilder<?> channel = ManagedChannelBuilder.forAddress(settings.host(), settings.port())
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (settings.tls()) {
            channel.useTransportSecurity();
        } else {
            channel.usePlaintext();
        }
        QdrantGrpcClient.Builder grpc =
                QdrantGrpcClient.newBuilder(channel.build(), true, false).withTimeout(settings.timeout());
        settings.apiKey().ifPresent(grpc::withApiKey);
        return new QdrantStore(settings, new QdrantClient(grpc.build()), telemetry);
    }

    /** The server in words, e.g. {@code Qdrant at qdrant:6334}. */
    public String describe() {
        return settings.describe();
    }

    // ---- PassageStore ----

    @Override
    public Optional<IndexRecipe> recipe() {
        ensureOpen();
        return current().flatMap(layout -> readRecipe(layout.physicalName()));
    }

    @Override
    public void replaceLecture(IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(lecture, "lecture");
        Objects.requireNonNull(passages, "passages");
        String lectureId = lecture.lecture().id();
        checkDimensions(lectureId, passages, recipe.dimension());
        writeLock.lock();
        try {
            ensureOpen();
            Layout current = ensureCollection(recipe.dimension());
            String physical = current.physicalName();
            Optional<IndexRecipe> stored = readRecipe(physical);
            if (stored.isPresent() && !stored.get().equals(recipe)) {
                throw new RecipeMismatchException(
                        "the Qdrant collection '" + settings.collection() + "' was built with "
                                + stored.get().describe() + " but this write uses " + recipe.describe()
                                + "; rebuild the collection to switch recipes instead of mixing vectors");
            }
            if (current.dimension() != recipe.dimension()) {
                throw new RecipeMismatchException(mismatch(current, recipe.dimension()));
            }
            if (stored.isEmpty()) {
                upsert(physical, List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
            }
            writeGeneration(physical, recipe, lecture, passages);
            confirmAliasStill(physical, "write lecture '" + lectureId + "'");
        } finally {
            activeCache = null;
            writeLock.unlock();
        }
    }

    @Override
    public void rebuild(IndexRecipe recipe, Iterator<Rebuilt> lectures) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(lectures, "lectures");
        writeLock.lock();
        try {
            ensureOpen();
            Optional<String> old = resolve();
            if (old.isPresent() && old.get().equals(settings.collection())) {
                throw new IllegalStateException("'" + settings.collection() + "' is a Qdrant collection, not an alias"
                        + " Lectern manages, so it cannot be rebuilt in place; choose another lectern.qdrant.collection"
                        + " and run 'migrate' to copy the lectures into it");
            }
            String target = CollectionEpochs.next(settings.collection(), old.orElse(settings.collection()));
            if (collections.claim(target, recipe.dimension()) == QdrantCollections.Claimed.FINISHED_ELSEWHERE) {
                Optional<IndexRecipe> theirs = readRecipe(target);
                if (theirs.isEmpty() || !theirs.get().equals(recipe)) {
                    throw new IllegalStateException("another Lectern replica rebuilt '" + settings.collection()
                            + "' into " + target + " with "
                            + theirs.map(IndexRecipe::describe).orElse("no recipe")
                            + ", not " + recipe.describe() + "; give every replica the same embedding settings");
                }
                LOG.infof("Another Lectern replica rebuilt '%s' into %s already", settings.collection(), target);
                forgetLayout();
                return;
            }
            ScheduledFuture<?> lease = keepClaim(target);
            try {
                upsert(target, List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
                while (lectures.hasNext()) {
                    Rebuilt rebuilt = lectures.next();
                    checkDimensions(rebuilt.lecture().lecture().id(), rebuilt.passages(), recipe.dimension());
                    writeGeneration(target, recipe, rebuilt.lecture(), rebuilt.passages());
                }
                collections.confirmHeld(target);
                collections.switchAlias(old, target);
            } catch (RuntimeException e) {
                collections.dropIfOurs(target, e);
                throw e;
            } finally {
                lease.cancel(false);
            }
            resolved = new Resolved(new Layout(target, recipe.dimension()), System.nanoTime());
            old.ifPresent(this::retireCollection);
            LOG.infof(
                    "Rebuilt Qdrant collection '%s' (now %s) with %s",
                    settings.collection(), target, recipe.describe());
        } finally {
            activeCache = null;
            writeLock.unlock();
        }
    }

    @Override
    public boolean deleteLecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        writeLock.lock();
        try {
            ensureOpen();
            Optional<Layout> layout = refresh();
            if (layout.isEmpty()) {
                return false;
            }
            String physical = layout.get().physicalName();
            Optional<String> generation = activeGeneration(physical, lectureId);
            if (generation.isEmpty()) {
                return false;
            }
            // Removing the record makes the lecture invisible at once; its passages follow after the grace period.
            calls.call(
                    "delete lecture '" + lectureId + "'",
                    () -> client.deleteAsync(
                            DeletePoints.newBuilder()
                                    .setCollectionName(physical)
                                    .setWait(true)
                                    .setOrdering(ordering())
                                    .setPoints(PointsSelector.newBuilder()
                                            .setPoints(PointsIdsList.newBuilder()
                                                    .addIds(QdrantPoints.id(QdrantPoints.lectureRecordId(lectureId)))))
                                    .build(),
                            settings.timeout()));
            retireLater(physical, lectureId, generation.get());
            confirmAliasStill(physical, "delete lecture '" + lectureId + "'");
            return true;
        } finally {
            activeCache = null;
            writeLock.unlock();
        }
    }

    @Override
    public List<Lecture> lectures() {
        ensureOpen();
        Optional<Layout> layout = current();
        if (layout.isEmpty()) {
            return List.of();
        }
        List<Lecture> lectures = new ArrayList<>();
        for (RetrievedPoint point : scrollPages(
                layout.get().physicalName(),
                QdrantPoints.lectureRecords(),
                WithPayloadSelectorFactory.exclude(List.of(QdrantPoints.SEGMENTS)),
                false)) {
            lectures.add(QdrantPoints.toLecture(point.getPayloadMap()));
        }
        lectures.sort(Comparator.comparing(Lecture::id));
        return lectures;
    }

    @Override
    public Optional<Lecture> lecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        ensureOpen();
        return current()
                .flatMap(layout -> record(layout.physicalName(), lectureId))
                .map(point -> QdrantPoints.toLecture(point.getPayloadMap()));
    }

    @Override
    public Optional<LectureSource> source(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        ensureOpen();
        Optional<Layout> layout = current();
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        String physical = layout.get().physicalName();
        List<RetrievedPoint> records = retrieve(
                physical, List.of(QdrantPoints.lectureRecordId(lectureId)), WithPayloadSelectorFactory.enable(true));
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Value> record = records.get(0).getPayloadMap();
        if (QdrantPoints.hasSegments(record)) {
            return Optional.of(QdrantPoints.toSource(record, Map.of()));
        }
        String generation = QdrantPoints.string(record, QdrantPoints.GENERATION);
        List<RetrievedPoint> sources = retrieve(
                physical,
                List.of(QdrantPoints.sourceId(lectureId, generation)),
                WithPayloadSelectorFactory.enable(true));
        if (sources.isEmpty()) {
            throw new IllegalStateException("lecture '" + lectureId + "' names generation " + generation + " in "
                    + physical + ", but its transcript is missing");
        }
        return Optional.of(QdrantPoints.toSource(record, sources.get(0).getPayloadMap()));
    }

    @Override
    public Optional<Outline> outline(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        ensureOpen();
        return current()
                .flatMap(layout -> record(layout.physicalName(), lectureId))
                .map(point -> QdrantChapters.read(point.getPayloadMap()));
    }

    @Override
    public boolean replaceOutline(String lectureId, Outline outline) {
        Objects.requireNonNull(lectureId, "lectureId");
        Objects.requireNonNull(outline, "outline");
        writeLock.lock();
        try {
            ensureOpen();
            Optional<Layout> layout = refresh();
            if (layout.isEmpty()) {
                return false;
            }
            String physical = layout.get().physicalName();
            Optional<String> generation = activeGeneration(physical, lectureId);
            if (generation.isEmpty()) {
                return false;
            }
            calls.call(
                    "write the chapters of lecture '" + lectureId + "'",
                    () -> client.setPayloadAsync(
                            QdrantChapters.replace(physical, lectureId, generation.get(), outline, ordering()),
                            settings.timeout()));
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<EmbeddedPassage> passages(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        ensureOpen();
        Optional<Layout> layout = current();
        if (layout.isEmpty()) {
            return List.of();
        }
        // Record and passages from the same collection, even if a rebuild switches the alias meanwhile.
        String physical = layout.get().physicalName();
        Optional<RetrievedPoint> record = record(physical, lectureId);
        if (record.isEmpty()) {
            return List.of();
        }
        String generation = QdrantPoints.string(record.get().getPayloadMap(), QdrantPoints.GENERATION);
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (RetrievedPoint point : scrollPages(
                physical,
                QdrantPoints.passagesOf(lectureId, generation),
                WithPayloadSelectorFactory.enable(true),
                true)) {
            VectorOutput dense = point.getVectors().getVectors().getVectorsMap().get(DENSE);
            passages.add(new EmbeddedPassage(QdrantPoints.toPassage(point.getPayloadMap()), QdrantPoints.dense(dense)));
        }
        passages.sort(Comparator.comparingInt(p -> p.passage().ordinal()));
        return passages;
    }

    @Override
    public List<PassageHit> search(PassageQuery query) {
        Objects.requireNonNull(query, "query");
        ensureOpen();
        Optional<Layout> layout = current();
        if (layout.isEmpty()) {
            return List.of();
        }
        String physical = layout.get().physicalName();
        // Round trip 1 (often cached): the recipe and the active generations, one lecture's or all of them.
        Active active = activeFor(physical, query.lectureId());
        if (active.recipe() == null || active.generations().isEmpty()) {
            return List.of();
        }
        if (query.vector() != null && query.vector().length != active.recipe().dimension()) {
            throw new IllegalArgumentException("the question vector has " + query.vector().length
                    + " dimensions, but the collection was built with "
                    + active.recipe().describe());
        }
        Filter filter = QdrantPoints.activePassages(active.generations(), query.lectureId());
        SparseTerms.Sparse keywords = terms.query(query.text());
        // Round trip 2: the search itself, in the same collection; hybrid fuses both legs on the server.
        QueryPoints request = QdrantQueries.request(physical, query, keywords, filter);
        if (request == null) {
            return List.of(); // keyword search for a question with no searchable words
        }
        List<ScoredPoint> points = calls.call("search", () -> client.queryAsync(request, settings.timeout()));
        return QdrantQueries.hits(query, keywords, points);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Retirements still pending are not run now: other replicas may be searching those generations. The
            // sweep of whichever replica runs next deletes them once they are old enough.
            synchronized (pendingRetirements) {
                pendingRetirements.values().forEach(future -> future.cancel(false));
                pendingRetirements.clear();
            }
            retirer.shutdownNow();
            client.close();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- reads ----

    /** The recipe and the generations searches may see. */
    record Active(IndexRecipe recipe, Set<String> generations) {}

    private Active activeFor(String physical, String lectureId) {
        if (lectureId != null) {
            return readActive(physical, lectureId);
        }
        CachedActive cached = activeCache;
        if (cached != null
                && cached.physicalName().equals(physical)
                && System.nanoTime() - cached.atNanos() < ACTIVE_SET_TTL.toNanos()) {
            return cached.active();
        }
        long at = System.nanoTime();
        Active active = readActive(physical, null);
        activeCache = new CachedActive(physical, active, at);
        return active;
    }

    private Active readActive(String physical, String lectureId) {
        WithPayloadSelector fields = WithPayloadSelectorFactory.include(
                List.of(QdrantPoints.KIND, QdrantPoints.GENERATION, QdrantPoints.RECIPE));
        List<RetrievedPoint> points = lectureId != null
                ? retrieve(physical, List.of(QdrantPoints.lectureRecordId(lectureId), QdrantPoints.RECIPE_ID), fields)
                : scrollPages(physical, QdrantPoints.records(), fields, false);
        IndexRecipe recipe = null;
        Set<String> generations = new LinkedHashSet<>();
        for (RetrievedPoint point : points) {
            Map<String, Value> payload = point.getPayloadMap();
            String kind = QdrantPoints.string(payload, QdrantPoints.KIND);
            if (kind.equals(QdrantPoints.KIND_META)) {
                recipe = QdrantPoints.toRecipe(payload);
            } else if (kind.equals(QdrantPoints.KIND_LECTURE)) {
                generations.add(QdrantPoints.string(payload, QdrantPoints.GENERATION));
            }
        }
        return new Active(recipe, generations);
    }

    private Optional<IndexRecipe> readRecipe(String physical) {
        List<RetrievedPoint> points = retrieve(
                physical,
                List.of(QdrantPoints.RECIPE_ID),
                WithPayloadSelectorFactory.include(List.of(QdrantPoints.RECIPE)));
        return points.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(QdrantPoints.toRecipe(points.get(0).getPayloadMap()));
    }

    private Optional<String> activeGeneration(String physical, String lectureId) {
        List<RetrievedPoint> points = retrieve(
                physical,
                List.of(QdrantPoints.lectureRecordId(lectureId)),
                WithPayloadSelectorFactory.include(List.of(QdrantPoints.GENERATION)));
        return points.stream()
                .findFirst()
                .map(point -> QdrantPoints.string(point.getPayloadMap(), QdrantPoints.GENERATION));
    }

    /** A lecture record without a transcript that an older write may have left in it. */
    private Optional<RetrievedPoint> record(String physical, String lectureId) {
        return retrieve(
                        physical,
                        List.of(QdrantPoints.lectureRecordId(lectureId)),
                        WithPayloadSelectorFactory.exclude(List.of(QdrantPoints.SEGMENTS)))
                .stream()
                .findFirst();
    }

    private List<RetrievedPoint> retrieve(String physical, List<UUID> ids, WithPayloadSelector payload) {
        GetPoints.Builder get = GetPoints.newBuilder()
                .setCollectionName(physical)
                .setWithVectors(WithVectorsSelectorFactory.enable(false))
                .setWithPayload(payload);
        ids.forEach(id -> get.addIds(QdrantPoints.id(id)));
        return calls.call("read records", () -> client.retrieveAsync(get.build(), settings.timeout()));
    }

    private List<RetrievedPoint> scrollPages(
            String physical, Filter filter, WithPayloadSelector payload, boolean withDense) {
        List<RetrievedPoint> all = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder scroll = ScrollPoints.newBuilder()
                    .setCollectionName(physical)
                    .setFilter(filter)
                    .setLimit(SCROLL_PAGE)
                    .setWithPayload(payload)
                    .setWithVectors(
                            withDense
                                    ? WithVectorsSelectorFactory.include(List.of(DENSE))
                                    : WithVectorsSelectorFactory.enable(false));
            if (offset != null) {
                scroll.setOffset(offset);
            }
            ScrollResponse page =
                    calls.call("list points", () -> client.scrollAsync(scroll.build(), settings.timeout()));
            all.addAll(page.getResultList());
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        return all;
    }

    // ---- writes ----

    /**
     * Writes a lecture's passages and transcript as a new generation, then makes it active with a conditional
     * upsert of its record; the generation it replaced is deleted after the grace period.
     */
    private void writeGeneration(
            String physical, IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages) {
        String lectureId = lecture.lecture().id();
        Optional<String> expected = activeGeneration(physical, lectureId);
        GenerationSwitch plan = GenerationSwitch.plan(
                lecture,
                passages,
                UUID.randomUUID().toString(),
                terms,
                SparseTerms.averageLength(recipe.passageTargetTokens()),
                settings.upsertBatch(),
                System.currentTimeMillis());
        try {
            for (List<PointStruct> batch : plan.passageBatches()) {
                upsert(physical, batch, "write passages of lecture '" + lectureId + "'");
            }
            upsert(physical, plan.content(), "write the transcript of lecture '" + lectureId + "'");
        } catch (RuntimeException e) {
            // No record names this generation: invisible either way; deleting now only saves the sweep some work.
            deleteQuietly(physical, plan.written(), e);
            throw e;
        }
        activate(physical, lectureId, plan, expected);
    }

    /** Makes {@code plan}'s generation active, as {@link Activation} decides after each attempt. */
    private void activate(String physical, String lectureId, GenerationSwitch plan, Optional<String> expected) {
        Optional<String> replaced = Activation.run(
                plan.generation(),
                expected,
                new Activation.Steps() {
                    @Override
                    public void attempt(Optional<String> expect) {
                        upsertIf(physical, plan.activation(), QdrantPoints.activationCondition(expect), lectureId);
                    }

                    @Override
                    public Optional<String> readBack() {
                        return activeGeneration(physical, lectureId);
                    }

                    @Override
                    public void discard(Throwable reportTo) {
                        deleteQuietly(physical, plan.written(), reportTo);
                    }
                },
                settings.describe(),
                lectureId);
        replaced.ifPresent(old -> retireLater(physical, lectureId, old));
    }

    private void upsert(String physical, List<PointStruct> points, String what) {
        UpsertPoints request = UpsertPoints.newBuilder()
                .setCollectionName(physical)
                .addAllPoints(points)
                .setWait(true)
                .setOrdering(ordering())
                .build();
        calls.call(what, () -> client.upsertAsync(request, settings.timeout()));
    }

    private void upsertIf(String physical, PointStruct point, Filter condition, String lectureId) {
        UpsertPoints request = UpsertPoints.newBuilder()
                .setCollectionName(physical)
                .addPoints(point)
                .setUpdateFilter(condition)
                .setWait(true)
                .setOrdering(ordering())
                .build();
        calls.call("activate lecture '" + lectureId + "'", () -> client.upsertAsync(request, settings.timeout()));
    }

    /**
     * Medium ordering: Qdrant routes each write through the highest <em>alive</em> replica of its shard. Strong
     * ordering routes through the highest replica peer id, dead or alive, and a forward to a dead peer fails
     * every write to that shard until the peer is back ({@code leader_peer_for_update} in
     * {@code lib/collection/src/shards/replica_set/update.rs}). Lectern needs no more than Medium: a lecture's
     * writes are issued one after another, each waits until applied ({@code wait=true}), and the switch is a
     * conditional upsert of one point, so no write can overtake another of the same lecture.
     */
    private static WriteOrdering ordering() {
        return WriteOrdering.newBuilder().setType(WriteOrderingType.Medium).build();
    }

    private void retireLater(String physical, String lectureId, String generation) {
        Filter filter = QdrantPoints.generation(lectureId, generation);
        schedule(() -> deleteQuietly(physical, filter, null), settings.retireAfter());
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

    private void deleteQuietly(String physical, Filter filter, Throwable reportTo) {
        try {
            client.deleteAsync(DeletePoints.newBuilder()
                            .setCollectionName(physical)
                            .setWait(false)
                            .setPoints(PointsSelector.newBuilder().setFilter(filter))
                            .build())
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reportTo != null) {
                reportTo.addSuppressed(e);
            }
            LOG.debugf("Could not delete retired points from %s (the next sweep will): %s", physical, e);
        }
    }

    // ---- the sweep ----

    private void scheduleSweeps() {
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
     * Deletes points of no active generation that are old enough (left by a crashed writer, a lost retirement,
     * an activation that never landed, or a store closed before its retirements ran), then lets
     * {@link QdrantCollections#sweep} mark and drop the collections nobody uses any more.
     */
    private void sweep() {
        Optional<Layout> layout = refresh();
        if (layout.isEmpty()) {
            return;
        }
        String physical = layout.get().physicalName();
        Active active = readActive(physical, null);
        long before = System.currentTimeMillis()
                - settings.retireAfter().plus(ORPHAN_AGE).toMillis();
        Filter orphans = QdrantPoints.orphans(active.generations(), before);
        calls.call(
                "sweep orphaned passages",
                () -> client.deleteAsync(DeletePoints.newBuilder()
                        .setCollectionName(physical)
                        .setWait(false)
                        .setPoints(PointsSelector.newBuilder().setFilter(orphans))
                        .build()));
        collections.sweep(physical);
    }

    // ---- the collection ----

    /** The checked collection behind the alias for a read: the last resolution if recent, or a new one. */
    private Optional<Layout> current() {
        Resolved known = resolved;
        if (known != null && System.nanoTime() - known.atNanos() < LAYOUT_TTL.toNanos()) {
            return Optional.of(known.layout());
        }
        return refresh();
    }

    /** Resolves the alias now; checks the collection when it is not the one last seen. */
    private Optional<Layout> refresh() {
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
        scheduleSweeps();
        return Optional.of(layout);
    }

    /** After {@code NOT_FOUND}: the collection or alias is gone; the next call resolves it again. */
    private void forgetLayout() {
        resolved = null;
        activeCache = null;
    }

    /** The collection the configured name stands for: the alias's target, or a collection of that name. */
    private Optional<String> resolve() {
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
    private void confirmAliasStill(String physical, String what) {
        Optional<String> now = resolve();
        if (now.isEmpty() || !now.get().equals(physical)) {
            forgetLayout();
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
            throw new IllegalStateException("The Qdrant collection '" + physical + "' (lectern.qdrant.collection="
                    + settings.collection() + ") was not made by Lectern: it needs " + expected + ", but has dense "
                    + dense.keySet() + " and sparse "
                    + params.getSparseVectorsConfig().getMapMap().keySet()
                    + ". Choose another lectern.qdrant.collection, or delete that collection.");
        }
        if (vector.getDistance() != Distance.Cosine) {
            throw new IllegalStateException("The Qdrant collection '" + physical + "' measures '" + DENSE + "' with "
                    + vector.getDistance() + " distance, but Lectern's vectors need Cosine. Choose another"
                    + " lectern.qdrant.collection, or delete that collection.");
        }
        Layout checked = new Layout(physical, (int) vector.getSize());
        Optional<IndexRecipe> recipe = readRecipe(physical);
        if (recipe.isPresent() && recipe.get().dimension() != checked.dimension()) {
            throw new IllegalStateException(mismatch(checked, recipe.get().dimension()) + " (its own recipe says "
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
            throw new IllegalStateException(settings.describe() + " runs Qdrant " + version + ", but Lectern needs "
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

    private String mismatch(Layout layout, int dimension) {
        return "The Qdrant collection '" + layout.physicalName() + "' holds " + layout.dimension()
                + "-dimensional vectors but Lectern's model makes " + dimension + "-dimensional ones; Lectern will"
                + " not mix them. Choose another lectern.qdrant.collection, or configure the model it was built with.";
    }

    /**
     * The checked collection for a write, resolved now; when there is none, the first collection is created
     * and the alias pointed at it ({@link QdrantCollections#ensureFirst}).
     */
    private Layout ensureCollection(int dimension) {
        Optional<Layout> existing = refresh();
        if (existing.isPresent()) {
            return existing.get();
        }
        collections.ensureFirst(dimension);
        return refresh()
                .orElseThrow(() -> new IllegalStateException(
                        "created the Qdrant collection '" + settings.collection() + "' but cannot find it"));
    }

    /**
     * Keeps this store's claim on a rebuild's collection alive while the rebuild runs, renewed every third of
     * the lease in the background, so that a lecture slow to embed does not let it lapse.
     */
    private ScheduledFuture<?> keepClaim(String target) {
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
    private void retireCollection(String physical) {
        try {
            collections.retired(physical);
        } catch (RuntimeException e) {
            LOG.debugf("Could not mark %s retired (the sweep will): %s", physical, e);
        }
        schedule(
                () -> {
                    try {
                        calls.call(
                                "drop collection " + physical,
                                () -> client.deleteCollectionAsync(physical, settings.timeout()));
                    } catch (RuntimeException e) {
                        LOG.debugf("Could not drop %s (the sweep will): %s", physical, e);
                    }
                },
                settings.retireAfter());
    }

    private static void checkDimensions(String lectureId, List<EmbeddedPassage> passages, int dimension) {
        for (EmbeddedPassage passage : passages) {
            if (passage.vector().length != dimension) {
                throw new IllegalArgumentException(
                        "passage " + passage.passage().ordinal() + " of lecture '"
                                + lectureId + "' has a " + passage.vector().length
                                + "-dimensional vector, but the index recipe expects " + dimension + " dimensions");
            }
        }
    }

    /** After a transient failure: try to connect at once instead of after gRPC's growing reconnect delay. */
    private void reconnect() {
        try {
            client.grpcClient().channel().resetConnectBackoff();
        } catch (RuntimeException e) {
            LOG.debugf("Could not reset the reconnect backoff: %s", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException(settings.describe(), "the store is closed (Lectern is stopping)", null);
        }
    }
}
