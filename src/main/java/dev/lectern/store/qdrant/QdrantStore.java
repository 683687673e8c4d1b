package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;
import static dev.lectern.store.qdrant.QdrantPoints.SPARSE;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.StoreUnavailableException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
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
 * is in {@link QdrantPoints}; docs/qdrant.md explains the design.
 *
 * <p><b>Re-ingest without a mix.</b> Each write of a lecture is a new <em>generation</em> (a random UUID): its
 * passages are written first, invisible, then one upsert of the lecture record makes it the active generation,
 * and the previous generation is deleted {@link QdrantSettings#retireAfter()} later. A search first reads the
 * active generations, then queries with a filter on them; since a generation is complete before it becomes
 * active and stays complete until well after it stops being active, every search sees whole versions only.
 *
 * <p><b>Rebuilds</b> (a new embedding recipe) write a new collection and move the alias
 * ({@link QdrantSettings#collection()}) to it in one atomic alias update.
 *
 * <p><b>Faults.</b> Nothing connects at construction; every call has a deadline and transient failures are
 * retried ({@link QdrantCalls}); when Qdrant stays unreachable, calls throw {@link StoreUnavailableException}.
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

    /** Records read per scroll request. */
    private static final int SCROLL_PAGE = 256;

    /** Orphaned passages are swept once they are this much older than the retirement delay. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;
    private final SparseTerms terms = new SparseTerms();

    /** Serialises this process's writes; writes from other processes are ordered by Qdrant alone. */
    private final ReentrantLock writeLock = new ReentrantLock();

    /** Deletes retired generations and collections after their grace period. */
    private final ScheduledExecutorService retirer;

    private final Map<Runnable, ScheduledFuture<?>> pendingRetirements = new HashMap<>();

    /** The checked layout of the aliased collection, or null until a call has found and checked one. */
    private volatile Layout layout;

    private volatile boolean swept;

    /** Set by a retirement that could not delete; read by {@link #close()}. */
    private volatile boolean retirementFailed;

    private volatile boolean closed;

    /** The collection behind the alias, checked to be Lectern's. */
    record Layout(String physicalName, int dimension) {}

    private QdrantStore(QdrantSettings settings, QdrantClient client, StoreTelemetry telemetry) {
        this.settings = settings;
        this.client = client;
        this.calls = new QdrantCalls(
                        settings.describe(),
                        settings.timeout(),
                        settings.retries(),
                        settings.retryBackoff(),
                        this::reconnect)
                .reportingTo(telemetry);
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

    /** A store as {@link #open(QdrantSettings)} makes, reporting each call's latency, failures and span to {@code telemetry}. */
    public static QdrantStore open(QdrantSettings settings, StoreTelemetry telemetry) {
        // No version check: it would call the server here, at start, where Qdrant may well be down.
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(
                        settings.host(), settings.port(), settings.tls(), false)
                .withTimeout(settings.timeout());
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
        if (layout().isEmpty()) {
            return Optional.empty();
        }
        return readRecipe();
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
            Optional<IndexRecipe> stored = readRecipe();
            if (stored.isPresent() && !stored.get().equals(recipe)) {
                throw new IllegalStateException("the Qdrant collection '" + settings.collection() + "' was built with "
                        + stored.get().describe() + " but this write uses " + recipe.describe()
                        + "; rebuild the collection to switch recipes instead of mixing vectors");
            }
            if (current.dimension() != recipe.dimension()) {
                throw new IllegalStateException(mismatch(current, recipe.dimension()));
            }
            if (stored.isEmpty()) {
                upsert(settings.collection(), List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
            }
            writeGeneration(settings.collection(), recipe, lecture, passages);
        } finally {
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
            String fresh = createCollection(recipe.dimension());
            try {
                upsert(fresh, List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
                while (lectures.hasNext()) {
                    Rebuilt rebuilt = lectures.next();
                    checkDimensions(rebuilt.lecture().lecture().id(), rebuilt.passages(), recipe.dimension());
                    writeGeneration(fresh, recipe, rebuilt.lecture(), rebuilt.passages());
                }
                List<AliasOperations> switchAlias = new ArrayList<>();
                old.ifPresent(ignored -> switchAlias.add(AliasOperations.newBuilder()
                        .setDeleteAlias(DeleteAlias.newBuilder().setAliasName(settings.collection()))
                        .build()));
                switchAlias.add(AliasOperations.newBuilder()
                        .setCreateAlias(CreateAlias.newBuilder()
                                .setAliasName(settings.collection())
                                .setCollectionName(fresh))
                        .build());
                // One request: readers see the old collection or the new one, never none.
                calls.call("move the alias", () -> client.updateAliasesAsync(switchAlias, settings.timeout()));
            } catch (RuntimeException e) {
                dropQuietly(fresh, e);
                throw e;
            }
            layout = new Layout(fresh, recipe.dimension());
            old.ifPresent(this::dropCollectionLater);
            LOG.infof(
                    "Rebuilt Qdrant collection '%s' (now %s) with %s", settings.collection(), fresh, recipe.describe());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean deleteLecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        writeLock.lock();
        try {
            ensureOpen();
            if (layout().isEmpty()) {
                return false;
            }
            Optional<String> generation = activeGeneration(lectureId);
            if (generation.isEmpty()) {
                return false;
            }
            // Removing the record makes the lecture invisible at once; its passages follow after the grace period.
            calls.call(
                    "delete lecture '" + lectureId + "'",
                    () -> client.deleteAsync(
                            DeletePoints.newBuilder()
                                    .setCollectionName(settings.collection())
                                    .setWait(true)
                                    .setOrdering(strongOrdering())
                                    .setPoints(PointsSelector.newBuilder()
                                            .setPoints(PointsIdsList.newBuilder()
                                                    .addIds(QdrantPoints.id(QdrantPoints.lectureRecordId(lectureId)))))
                                    .build(),
                            settings.timeout()));
            retireLater(lectureId, generation.get());
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Lecture> lectures() {
        ensureOpen();
        if (layout().isEmpty()) {
            return List.of();
        }
        List<Lecture> lectures = new ArrayList<>();
        for (RetrievedPoint point : scroll(QdrantPoints.lectureRecords(), List.of(QdrantPoints.SEGMENTS), false)) {
            lectures.add(QdrantPoints.toLecture(point.getPayloadMap()));
        }
        lectures.sort(Comparator.comparing(Lecture::id));
        return lectures;
    }

    @Override
    public Optional<Lecture> lecture(String lectureId) {
        return record(lectureId, false).map(point -> QdrantPoints.toLecture(point.getPayloadMap()));
    }

    @Override
    public Optional<LectureSource> source(String lectureId) {
        return record(lectureId, true).map(point -> QdrantPoints.toSource(point.getPayloadMap()));
    }

    @Override
    public List<EmbeddedPassage> passages(String lectureId) {
        Optional<RetrievedPoint> record = record(lectureId, false);
        if (record.isEmpty()) {
            return List.of();
        }
        String generation = QdrantPoints.string(record.get().getPayloadMap(), QdrantPoints.GENERATION);
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (RetrievedPoint point : scroll(QdrantPoints.generation(lectureId, generation), List.of(), true)) {
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
        if (layout().isEmpty()) {
            return List.of();
        }
        // Round trip 1: the recipe and the active generations (one lecture's, or all of them).
        Active active = activeForSearch(query.lectureId());
        if (active.recipe() == null || active.generations().isEmpty()) {
            return List.of();
        }
        if (query.vector().length != active.recipe().dimension()) {
            throw new IllegalArgumentException("the question vector has " + query.vector().length
                    + " dimensions, but the collection was built with "
                    + active.recipe().describe());
        }
        Filter filter = QdrantPoints.activePassages(active.generations(), query.lectureId());
        SparseTerms.Sparse keywords = terms.query(query.text());
        // Round trip 2: the search itself; hybrid fuses both legs on the server.
        QueryPoints request = QdrantQueries.request(settings.collection(), query, keywords, filter);
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
            retirer.shutdown();
            List<Runnable> due;
            synchronized (pendingRetirements) {
                due = new ArrayList<>(pendingRetirements.keySet());
                pendingRetirements.values().forEach(future -> future.cancel(false));
                pendingRetirements.clear();
            }
            // Searches of this process are over; other processes' searches are as short as ours. When Qdrant does
            // not answer, stop after the first: the orphan sweep of a later start removes the rest.
            for (Runnable retirement : due) {
                retirementFailed = false;
                retirement.run();
                if (retirementFailed) {
                    break;
                }
            }
            client.close();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- reads ----

    /** The recipe and the generations searches may see. */
    record Active(IndexRecipe recipe, Set<String> generations) {}

    private Active activeForSearch(String lectureId) {
        List<RetrievedPoint> points;
        if (lectureId != null) {
            points = retrieve(
                    List.of(QdrantPoints.lectureRecordId(lectureId), QdrantPoints.RECIPE_ID),
                    List.of(QdrantPoints.KIND, QdrantPoints.GENERATION, QdrantPoints.RECIPE));
        } else {
            points = scrollIncluding(
                    QdrantPoints.records(), List.of(QdrantPoints.KIND, QdrantPoints.GENERATION, QdrantPoints.RECIPE));
        }
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

    private Optional<IndexRecipe> readRecipe() {
        List<RetrievedPoint> points = retrieve(List.of(QdrantPoints.RECIPE_ID), List.of(QdrantPoints.RECIPE));
        return points.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(QdrantPoints.toRecipe(points.get(0).getPayloadMap()));
    }

    private Optional<String> activeGeneration(String lectureId) {
        List<RetrievedPoint> points =
                retrieve(List.of(QdrantPoints.lectureRecordId(lectureId)), List.of(QdrantPoints.GENERATION));
        return points.stream()
                .findFirst()
                .map(point -> QdrantPoints.string(point.getPayloadMap(), QdrantPoints.GENERATION));
    }

    private Optional<RetrievedPoint> record(String lectureId, boolean withSegments) {
        Objects.requireNonNull(lectureId, "lectureId");
        ensureOpen();
        if (layout().isEmpty()) {
            return Optional.empty();
        }
        GetPoints.Builder get = GetPoints.newBuilder()
                .setCollectionName(settings.collection())
                .addIds(QdrantPoints.id(QdrantPoints.lectureRecordId(lectureId)))
                .setWithVectors(WithVectorsSelectorFactory.enable(false))
                .setWithPayload(
                        withSegments
                                ? WithPayloadSelectorFactory.enable(true)
                                : WithPayloadSelectorFactory.exclude(List.of(QdrantPoints.SEGMENTS)));
        List<RetrievedPoint> points = calls.call(
                "read lecture '" + lectureId + "'", () -> client.retrieveAsync(get.build(), settings.timeout()));
        return points.stream().findFirst();
    }

    private List<RetrievedPoint> retrieve(List<UUID> ids, List<String> payloadFields) {
        GetPoints.Builder get = GetPoints.newBuilder()
                .setCollectionName(settings.collection())
                .setWithVectors(WithVectorsSelectorFactory.enable(false))
                .setWithPayload(WithPayloadSelectorFactory.include(payloadFields));
        ids.forEach(id -> get.addIds(QdrantPoints.id(id)));
        return calls.call("read records", () -> client.retrieveAsync(get.build(), settings.timeout()));
    }

    private List<RetrievedPoint> scrollIncluding(Filter filter, List<String> payloadFields) {
        return scrollPages(filter, WithPayloadSelectorFactory.include(payloadFields), false);
    }

    private List<RetrievedPoint> scroll(Filter filter, List<String> excludedPayload, boolean withDense) {
        return scrollPages(
                filter,
                excludedPayload.isEmpty()
                        ? WithPayloadSelectorFactory.enable(true)
                        : WithPayloadSelectorFactory.exclude(excludedPayload),
                withDense);
    }

    private List<RetrievedPoint> scrollPages(
            Filter filter, io.qdrant.client.grpc.Points.WithPayloadSelector payload, boolean withDense) {
        List<RetrievedPoint> all = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder scroll = ScrollPoints.newBuilder()
                    .setCollectionName(settings.collection())
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
     * Writes a lecture's passages as a new generation, then makes it active; the previous generation, if any, is
     * deleted after the grace period.
     */
    private void writeGeneration(
            String collection, IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages) {
        String lectureId = lecture.lecture().id();
        GenerationSwitch plan = GenerationSwitch.plan(
                lecture,
                passages,
                collection.equals(settings.collection()) ? activeGeneration(lectureId) : Optional.empty(),
                UUID.randomUUID().toString(),
                terms,
                SparseTerms.averageLength(recipe.passageTargetTokens()),
                settings.upsertBatch(),
                System.currentTimeMillis());
        try {
            for (List<PointStruct> batch : plan.passageBatches()) {
                upsert(collection, batch, "write passages of lecture '" + lectureId + "'");
            }
            upsert(collection, List.of(plan.activation()), "activate lecture '" + lectureId + "'");
        } catch (RuntimeException e) {
            // Invisible either way; deleting now only saves the sweep some work.
            deleteQuietly(collection, QdrantPoints.generation(lectureId, plan.generation()), e);
            throw e;
        }
        plan.retirement().ifPresent(filter -> schedule(() -> deleteQuietly(collection, filter, null)));
    }

    private void upsert(String collection, List<PointStruct> points, String what) {
        UpsertPoints request = UpsertPoints.newBuilder()
                .setCollectionName(collection)
                .addAllPoints(points)
                .setWait(true)
                .setOrdering(strongOrdering())
                .build();
        calls.call(what, () -> client.upsertAsync(request, settings.timeout()));
    }

    private static WriteOrdering strongOrdering() {
        // Strong: every replica applies writes in the leader's order, so the switch never overtakes the passages.
        return WriteOrdering.newBuilder().setType(WriteOrderingType.Strong).build();
    }

    private void retireLater(String lectureId, String generation) {
        Filter filter = QdrantPoints.generation(lectureId, generation);
        String collection = settings.collection();
        schedule(() -> deleteQuietly(collection, filter, null));
    }

    private void dropCollectionLater(String physicalName) {
        schedule(() -> dropQuietly(physicalName, null));
    }

    private void schedule(Runnable retirement) {
        synchronized (pendingRetirements) {
            Runnable once = new Runnable() {
                @Override
                public void run() {
                    synchronized (pendingRetirements) {
                        pendingRetirements.remove(this);
                    }
                    retirement.run();
                }
            };
            pendingRetirements.put(
                    once, retirer.schedule(once, settings.retireAfter().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void deleteQuietly(String collection, Filter filter, Throwable reportTo) {
        try {
            client.deleteAsync(DeletePoints.newBuilder()
                            .setCollectionName(collection)
                            .setWait(false)
                            .setPoints(PointsSelector.newBuilder().setFilter(filter))
                            .build())
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retirementFailed = true;
            if (reportTo != null) {
                reportTo.addSuppressed(e);
            }
            LOG.debugf("Could not delete retired passages from %s (the next sweep will): %s", collection, e);
        }
    }

    private void dropQuietly(String physicalName, Throwable reportTo) {
        try {
            client.deleteCollectionAsync(physicalName, settings.timeout())
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reportTo != null) {
                reportTo.addSuppressed(e);
            }
            LOG.warnf("Could not delete the Qdrant collection %s; delete it by hand: %s", physicalName, e);
        }
    }

    /** Deletes passages no active generation owns, once per process, when the collection is first seen. */
    private void sweepOrphans() {
        if (swept) {
            return;
        }
        swept = true;
        retirer.execute(() -> {
            try {
                Active active = activeForSearch(null);
                long before = System.currentTimeMillis()
                        - settings.retireAfter().plus(ORPHAN_AGE).toMillis();
                Filter orphans = QdrantPoints.orphans(active.generations(), before);
                calls.call(
                        "sweep orphaned passages",
                        () -> client.deleteAsync(DeletePoints.newBuilder()
                                .setCollectionName(settings.collection())
                                .setWait(false)
                                .setPoints(PointsSelector.newBuilder().setFilter(orphans))
                                .build()));
            } catch (RuntimeException e) {
                swept = false; // try again next time
                LOG.debugf("Sweeping orphaned passages failed: %s", e);
            }
        });
    }

    // ---- the collection ----

    /** The checked collection behind the alias, or empty when there is none yet. */
    private Optional<Layout> layout() {
        Layout known = layout;
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> physical = resolve();
        if (physical.isEmpty()) {
            return Optional.empty();
        }
        Layout checked = check(physical.get());
        layout = checked;
        sweepOrphans();
        return Optional.of(checked);
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

    /** Fails when the collection was not made by Lectern, or does not match its recipe. */
    private Layout check(String physical) {
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
        Optional<IndexRecipe> recipe = readRecipe();
        if (recipe.isPresent() && recipe.get().dimension() != checked.dimension()) {
            throw new IllegalStateException(mismatch(checked, recipe.get().dimension()) + " (its own recipe says "
                    + recipe.get().describe() + ")");
        }
        return checked;
    }

    private String mismatch(Layout layout, int dimension) {
        return "The Qdrant collection '" + layout.physicalName() + "' holds " + layout.dimension()
                + "-dimensional vectors but Lectern's model makes " + dimension + "-dimensional ones; Lectern will"
                + " not mix them. Choose another lectern.qdrant.collection, or configure the model it was built with.";
    }

    /** The checked collection, created with an alias when there is none. */
    private Layout ensureCollection(int dimension) {
        Optional<Layout> existing = layout();
        if (existing.isPresent()) {
            return existing.get();
        }
        String fresh = createCollection(dimension);
        try {
            calls.call("create alias", () -> client.createAliasAsync(settings.collection(), fresh, settings.timeout()));
        } catch (RuntimeException e) {
            dropQuietly(fresh, e);
            // Refused because another Lectern created the alias first: use theirs.
            if (!(e instanceof IllegalStateException) || resolve().isEmpty()) {
                throw e;
            }
        }
        return layout().orElseThrow(() -> new IllegalStateException(
                "created the Qdrant collection '" + settings.collection() + "' but cannot find it"));
    }

    /** Creates a collection with Lectern's layout and payload indexes; returns its name. */
    private String createCollection(int dimension) {
        String name = settings.collection() + "-" + UUID.randomUUID().toString().substring(0, 8);
        CreateCollection create = CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder()
                        .setParamsMap(VectorParamsMap.newBuilder()
                                .putMap(
                                        DENSE,
                                        VectorParams.newBuilder()
                                                .setSize(dimension)
                                                .setDistance(Distance.Cosine)
                                                .build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap(
                                SPARSE,
                                SparseVectorParams.newBuilder()
                                        .setModifier(Modifier.Idf)
                                        .build()))
                .setShardNumber(settings.shardNumber())
                .setReplicationFactor(settings.replicationFactor())
                .setWriteConsistencyFactor(settings.writeConsistency())
                // Lecture records carry whole transcripts; keep payloads on disk, indexes in memory.
                .setOnDiskPayload(true)
                .build();
        calls.call("create collection " + name, () -> client.createCollectionAsync(create, settings.timeout()));
        try {
            index(name, QdrantPoints.KIND, FieldType.FieldTypeKeyword);
            index(name, QdrantPoints.LECTURE_ID, FieldType.FieldTypeKeyword);
            index(name, QdrantPoints.GENERATION, FieldType.FieldTypeKeyword);
            index(name, QdrantPoints.START_MILLIS, FieldType.FieldTypeInteger);
            index(name, QdrantPoints.END_MILLIS, FieldType.FieldTypeInteger);
            index(name, QdrantPoints.WRITTEN_AT, FieldType.FieldTypeInteger);
        } catch (RuntimeException e) {
            dropQuietly(name, e);
            throw e;
        }
        LOG.infof(
                "Created Qdrant collection %s (%d dimensions, %d shards, replication %d)",
                name, dimension, settings.shardNumber(), settings.replicationFactor());
        return name;
    }

    private void index(String collection, String field, FieldType type) {
        CreateFieldIndexCollection request = CreateFieldIndexCollection.newBuilder()
                .setCollectionName(collection)
                .setFieldName(field)
                .setFieldType(type)
                .setWait(true)
                .build();
        calls.call("index " + field, () -> client.createPayloadIndexAsync(request, settings.timeout()));
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
            throw new IllegalStateException("the store for " + settings.describe() + " is closed");
        }
    }
}
