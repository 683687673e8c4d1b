package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;

import dev.lectern.chapter.Outline;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.RecipeMismatchException;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.StoreUnavailableException;
import dev.lectern.store.qdrant.AliasResolver.Layout;
import dev.lectern.store.qdrant.QdrantReads.Active;
import io.grpc.ManagedChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The {@link PassageStore} on a Qdrant collection, for corpora that outgrow one machine. What it keeps and how
 * is in {@link QdrantPoints}; docs/qdrant.md explains the design and the guarantees on a cluster.
 *
 * <p><b>Re-ingest without a mix.</b> Each write of a lecture is a new <em>version</em> (a random UUID): its
 * passages and transcript are written first, invisible, then one conditional upsert of the lecture record makes
 * it the active version ({@link Activation}), and the version it replaced is deleted
 * {@link QdrantSettings#retireAfter()} later. A search reads the active versions, then queries with a filter
 * on them; a version is complete before it becomes active and stays complete until well after it stops being
 * active, so every search sees whole versions only.
 *
 * <p><b>One collection per operation.</b> The alias is resolved once per operation and every call of that
 * operation names the physical collection, so no operation straddles a rebuild's alias switch. Reads reuse the
 * resolution for {@link AliasResolver#LAYOUT_TTL}; writes resolve afresh, and check afterwards that the alias did
 * not move.
 *
 * <p><b>Collections</b> are named by epoch and created as a lock ({@link CollectionEpochs}); a rebuild holds its
 * claim with a lease, and a periodic sweep drops what a dead rebuild or a retired collection left behind.
 *
 * <p><b>Faults.</b> Nothing connects at construction; every call has a deadline and transient failures are
 * retried ({@link QdrantCalls}, classified by {@link QdrantOutcome}); when Qdrant stays unreachable, calls throw
 * {@link StoreUnavailableException}.
 *
 * <p><b>Parts.</b> This class is the port; the rest of the package does the work: {@link AliasResolver} (which
 * collection the alias names, checked), {@link QdrantCollections} over {@link GrpcCollections} (creating, claiming
 * and dropping collections), {@link QdrantReads} and {@link QdrantWrites} (point calls), {@link VersionSwitch}
 * and {@link Activation} (a lecture's new version and its switch), {@link Retirements} (deleting what was
 * replaced, the sweep), {@link QdrantQueries} (the search request), {@link QdrantPoints} and
 * {@link QdrantChapters} (ids, payloads, filters).
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

    /** Largest answer accepted from Qdrant (gRPC's default is 4 MiB, too small for a scroll page of records). */
    static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;
    private final SparseTerms terms = new SparseTerms();

    /** The collections behind the alias: creation as the lock, rebuild claims, dropping what is unused. */
    private final QdrantCollections collections;

    /** Which collection the alias names, checked, and for how long a read may trust that. */
    private final AliasResolver resolver;

    private final QdrantReads reads;
    private final QdrantWrites writes;

    /** Deletes replaced versions and left collections after their grace period; the sweep. */
    private final Retirements retirements;

    /** Serialises this process's writes; writes of other processes are ordered by conditional activations. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile boolean closed;

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
        this.reads = new QdrantReads(settings, client, calls);
        this.writes = new QdrantWrites(settings, client, calls);
        this.resolver = new AliasResolver(settings, client, calls, reads, this::scheduleSweeps);
        this.collections = new QdrantCollections(
                settings.collection(),
                UUID.randomUUID().toString(),
                settings.describe(),
                settings.rebuildLease().toMillis(),
                settings.retireAfter().toMillis(),
                new GrpcCollections(settings, client, calls, resolver::resolve),
                System::currentTimeMillis);
        this.retirements = new Retirements(reads, writes, resolver, collections);
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
        return onCurrent(Optional.empty(), reads::readRecipe);
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
            Optional<IndexRecipe> stored = reads.readRecipe(physical);
            if (stored.isPresent() && !stored.get().equals(recipe)) {
                throw new RecipeMismatchException(
                        "the Qdrant collection '" + settings.collection() + "' was built with "
                                + stored.get().describe() + " but this write uses " + recipe.describe()
                                + "; rebuild the collection to switch recipes instead of mixing vectors");
            }
            if (current.dimension() != recipe.dimension()) {
                throw new RecipeMismatchException(AliasResolver.mismatch(current, recipe.dimension()));
            }
            if (stored.isEmpty()) {
                writes.upsert(physical, List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
            }
            writeVersion(physical, recipe, lecture, passages);
            resolver.confirmAliasStill(physical, "write lecture '" + lectureId + "'");
        } finally {
            reads.forgetActive();
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
            Optional<String> old = resolver.resolve();
            if (old.isPresent() && old.get().equals(settings.collection())) {
                throw new IllegalStateException("'" + settings.collection() + "' is a Qdrant collection, not an alias"
                        + " Lectern manages, so it cannot be rebuilt in place; choose another lectern.qdrant.collection"
                        + " and run 'migrate' to copy the lectures into it");
            }
            String target = CollectionEpochs.next(settings.collection(), old.orElse(settings.collection()));
            if (collections.claim(target, recipe.dimension()) == QdrantCollections.Claimed.FINISHED_ELSEWHERE) {
                Optional<IndexRecipe> theirs = reads.readRecipe(target);
                if (theirs.isEmpty() || !theirs.get().equals(recipe)) {
                    throw new IllegalStateException("another Lectern replica rebuilt '" + settings.collection()
                            + "' into " + target + " with "
                            + theirs.map(IndexRecipe::describe).orElse("no recipe")
                            + ", not " + recipe.describe() + "; give every replica the same embedding settings");
                }
                LOG.infof("Another Lectern replica rebuilt '%s' into %s already", settings.collection(), target);
                resolver.forget();
                return;
            }
            ScheduledFuture<?> lease = retirements.keepClaim(target);
            try {
                writes.upsert(target, List.of(QdrantPoints.recipePoint(recipe)), "write the index recipe");
                while (lectures.hasNext()) {
                    Rebuilt rebuilt = lectures.next();
                    checkDimensions(rebuilt.lecture().lecture().id(), rebuilt.passages(), recipe.dimension());
                    writeVersion(target, recipe, rebuilt.lecture(), rebuilt.passages());
                }
                collections.confirmHeld(target);
                collections.switchAlias(old, target);
            } catch (RuntimeException e) {
                collections.dropIfOurs(target, e);
                throw e;
            } finally {
                lease.cancel(false);
            }
            resolver.adopt(new Layout(target, recipe.dimension()));
            old.ifPresent(retirements::retireCollection);
            LOG.infof(
                    "Rebuilt Qdrant collection '%s' (now %s) with %s",
                    settings.collection(), target, recipe.describe());
        } finally {
            reads.forgetActive();
            writeLock.unlock();
        }
    }

    @Override
    public boolean deleteLecture(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return changeActiveLecture(lectureId, (physical, version) -> {
            // Removing the record makes the lecture invisible at once; its passages follow after the grace period.
            writes.deleteRecord(physical, lectureId);
            retirements.retireVersion(physical, lectureId, version);
            resolver.confirmAliasStill(physical, "delete lecture '" + lectureId + "'");
        });
    }

    @Override
    public List<Lecture> lectures() {
        return onCurrent(List.of(), this::lecturesIn);
    }

    private List<Lecture> lecturesIn(String physical) {
        List<Lecture> lectures = new ArrayList<>();
        for (RetrievedPoint point : reads.scrollPages(
                physical,
                QdrantPoints.lectureRecords(),
                WithPayloadSelectorFactory.exclude(List.of(FieldNames.SEGMENTS)),
                false)) {
            lectures.add(QdrantPoints.toLecture(point.getPayloadMap()));
        }
        lectures.sort(Comparator.comparing(Lecture::id));
        return lectures;
    }

    @Override
    public Optional<Lecture> lecture(String lectureId) {
        return record(lectureId).map(point -> QdrantPoints.toLecture(point.getPayloadMap()));
    }

    /** A lecture's record, without the transcript an older write may have left in it. */
    private Optional<RetrievedPoint> record(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return onCurrent(Optional.empty(), physical -> reads.record(physical, lectureId));
    }

    @Override
    public Optional<LectureSource> transcript(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        return onCurrent(Optional.empty(), physical -> sourceIn(physical, lectureId));
    }

    private Optional<LectureSource> sourceIn(String physical, String lectureId) {
        List<RetrievedPoint> records = reads.retrieve(
                physical, List.of(QdrantPoints.lectureRecordId(lectureId)), WithPayloadSelectorFactory.enable(true));
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Value> record = records.get(0).getPayloadMap();
        if (QdrantPoints.hasSegments(record)) {
            return Optional.of(QdrantPoints.toSource(record, Map.of()));
        }
        String version = QdrantPoints.string(record, QdrantPoints.VERSION);
        List<RetrievedPoint> sources = reads.retrieve(
                physical, List.of(QdrantPoints.sourceId(lectureId, version)), WithPayloadSelectorFactory.enable(true));
        if (sources.isEmpty()) {
            throw new IllegalStateException("lecture '" + lectureId + "' names version " + version + " in " + physical
                    + ", but its transcript is missing");
        }
        return Optional.of(QdrantPoints.toSource(record, sources.get(0).getPayloadMap()));
    }

    @Override
    public Optional<Outline> outline(String lectureId) {
        return record(lectureId).map(point -> QdrantChapters.read(point.getPayloadMap()));
    }

    @Override
    public boolean replaceOutline(String lectureId, Outline outline) {
        Objects.requireNonNull(lectureId, "lectureId");
        Objects.requireNonNull(outline, "outline");
        return changeActiveLecture(
                lectureId, (physical, version) -> writes.replaceChapters(physical, lectureId, version, outline));
    }

    /**
     * Runs {@code read} on the collection the alias names (a resolution up to {@link AliasResolver#LAYOUT_TTL} old
     * will do), so that all the calls of one read use one collection; {@code none} while there is no collection.
     */
    private <T> T onCurrent(T none, Function<String, T> read) {
        ensureOpen();
        Optional<Layout> layout = resolver.current();
        return layout.isEmpty() ? none : read.apply(layout.get().physicalName());
    }

    /**
     * Under the write lock, on the collection the alias names now, runs {@code change} with the lecture's active
     * version; false, changing nothing, when there is no such lecture.
     */
    private boolean changeActiveLecture(String lectureId, BiConsumer<String, String> change) {
        writeLock.lock();
        try {
            ensureOpen();
            Optional<Layout> layout = resolver.refresh();
            if (layout.isEmpty()) {
                return false;
            }
            String physical = layout.get().physicalName();
            Optional<String> version = reads.activeVersion(physical, lectureId);
            if (version.isEmpty()) {
                return false;
            }
            change.accept(physical, version.get());
            return true;
        } finally {
            reads.forgetActive();
            writeLock.unlock();
        }
    }

    @Override
    public List<EmbeddedPassage> passages(String lectureId) {
        Objects.requireNonNull(lectureId, "lectureId");
        // Record and passages from the same collection, even if a rebuild switches the alias meanwhile.
        return onCurrent(List.of(), physical -> passagesIn(physical, lectureId));
    }

    private List<EmbeddedPassage> passagesIn(String physical, String lectureId) {
        Optional<RetrievedPoint> record = reads.record(physical, lectureId);
        if (record.isEmpty()) {
            return List.of();
        }
        String version = QdrantPoints.string(record.get().getPayloadMap(), QdrantPoints.VERSION);
        List<EmbeddedPassage> passages = new ArrayList<>();
        for (RetrievedPoint point : reads.scrollPages(
                physical, QdrantPoints.passagesOf(lectureId, version), WithPayloadSelectorFactory.enable(true), true)) {
            VectorOutput dense = point.getVectors().getVectors().getVectorsMap().get(DENSE);
            passages.add(new EmbeddedPassage(QdrantPoints.toPassage(point.getPayloadMap()), QdrantPoints.dense(dense)));
        }
        passages.sort(Comparator.comparingInt(p -> p.passage().ordinal()));
        return passages;
    }

    @Override
    public List<PassageHit> search(PassageQuery query) {
        Objects.requireNonNull(query, "query");
        return onCurrent(List.of(), physical -> searchIn(physical, query));
    }

    private List<PassageHit> searchIn(String physical, PassageQuery query) {
        // Round trip 1 (often cached): the recipe and the active versions, one lecture's or all of them.
        Active active = reads.activeFor(physical, query.lectureId());
        if (active.recipe() == null || active.versions().isEmpty()) {
            return List.of();
        }
        if (query.vector() != null && query.vector().length != active.recipe().dimension()) {
            throw new IllegalArgumentException("the question vector has " + query.vector().length
                    + " dimensions, but the collection was built with "
                    + active.recipe().describe());
        }
        Filter filter = QdrantPoints.activePassages(active.versions(), query.lectureId());
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
            // Retirements still pending are not run now: other replicas may be searching those versions. The
            // sweep of whichever replica runs next deletes them once they are old enough.
            retirements.close();
            client.close();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- writing a lecture ----

    /**
     * Writes a lecture's passages and transcript as a new version, then makes it active with a conditional
     * upsert of its record; the version it replaced is deleted after the grace period.
     */
    private void writeVersion(
            String physical, IndexRecipe recipe, LectureSource lecture, List<EmbeddedPassage> passages) {
        String lectureId = lecture.lecture().id();
        Optional<String> expected = reads.activeVersion(physical, lectureId);
        VersionSwitch plan = VersionSwitch.plan(
                lecture,
                passages,
                UUID.randomUUID().toString(),
                terms,
                SparseTerms.averageLength(recipe.passageTargetTokens()),
                settings.upsertBatch(),
                System.currentTimeMillis());
        try {
            for (List<PointStruct> batch : plan.passageBatches()) {
                writes.upsert(physical, batch, "write passages of lecture '" + lectureId + "'");
            }
            writes.upsert(physical, plan.content(), "write the transcript of lecture '" + lectureId + "'");
        } catch (RuntimeException e) {
            // No record names this version: invisible either way; deleting now only saves the sweep some work.
            writes.deleteQuietly(physical, plan.written(), e);
            throw e;
        }
        activate(physical, lectureId, plan, expected);
    }

    /** Makes {@code plan}'s version active, as {@link Activation} decides after each attempt. */
    private void activate(String physical, String lectureId, VersionSwitch plan, Optional<String> expected) {
        Optional<String> replaced = Activation.run(
                plan.version(),
                expected,
                new Activation.Steps() {
                    @Override
                    public void attempt(Optional<String> expect) {
                        writes.upsertIf(
                                physical, plan.activation(), QdrantPoints.activationCondition(expect), lectureId);
                    }

                    @Override
                    public Optional<String> readBack() {
                        return reads.activeVersion(physical, lectureId);
                    }

                    @Override
                    public void discard(Throwable reportTo) {
                        writes.deleteQuietly(physical, plan.written(), reportTo);
                    }
                },
                settings.describe(),
                lectureId);
        replaced.ifPresent(old -> retirements.retireVersion(physical, lectureId, old));
    }

    /**
     * The checked collection for a write, resolved now; when there is none, the first collection is created
     * and the alias pointed at it ({@link QdrantCollections#ensureFirst}).
     */
    private Layout ensureCollection(int dimension) {
        Optional<Layout> existing = resolver.refresh();
        if (existing.isPresent()) {
            return existing.get();
        }
        collections.ensureFirst(dimension);
        return resolver.refresh()
                .orElseThrow(() -> new IllegalStateException(
                        "created the Qdrant collection '" + settings.collection() + "' but cannot find it"));
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

    /** After {@code NOT_FOUND}: the collection or alias is gone; the next call resolves it again. */
    private void forgetLayout() {
        resolver.forget();
        reads.forgetActive();
    }

    /** The first time a resolution finds the collection: from then on the sweep runs every few minutes. */
    private void scheduleSweeps() {
        retirements.scheduleSweeps();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException(settings.describe(), "the store is closed (Lectern is stopping)", null);
        }
    }
}
