package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.QdrantPoints.DENSE;
import static dev.lectern.store.qdrant.QdrantPoints.SPARSE;

import dev.lectern.store.FieldNames;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The collection calls of {@link QdrantCollections}, over gRPC: what {@link QdrantStore} plugs in. */
final class GrpcCollections implements QdrantCollections.Backend {

    private static final Logger LOG = Logger.getLogger(GrpcCollections.class);

    private final QdrantSettings settings;
    private final QdrantClient client;
    private final QdrantCalls calls;
    private final Supplier<Optional<String>> resolver;

    /** @param resolver what the alias names now ({@link QdrantCollections.Backend#resolve()}) */
    GrpcCollections(
            QdrantSettings settings, QdrantClient client, QdrantCalls calls, Supplier<Optional<String>> resolver) {
        this.settings = settings;
        this.client = client;
        this.calls = calls;
        this.resolver = resolver;
    }

    @Override
    public Optional<String> resolve() {
        return resolver.get();
    }

    /**
     * Creates a collection with Lectern's layout, payload indexes and claim metadata.
     *
     * @return true when this call created it, false when it existed already (another replica made it, or an
     *     earlier attempt of this call did and its answer was lost)
     */
    @Override
    public boolean create(String name, int dimension, String owner, long leaseUntil) {
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
                // Transcripts and segments are read rarely; keep payloads on disk, indexes in memory.
                .setOnDiskPayload(true)
                // On a cluster creation waits for consensus and every replica's activation
                // (lib/storage/src/dispatcher.rs, submit_collection_meta_op): give it its own time, server side
                // too.
                .setTimeout(Math.max(1, settings.createTimeout().toSeconds()))
                .putMetadata(CollectionEpochs.ALIAS, ValueFactory.value(settings.collection()))
                .putMetadata(CollectionEpochs.OWNER, ValueFactory.value(owner))
                .putMetadata(CollectionEpochs.LEASE_UNTIL, ValueFactory.value(leaseUntil))
                .build();
        boolean created;
        try {
            calls.call(
                    "create collection " + name,
                    settings.createTimeout(),
                    () -> client.createCollectionAsync(create, settings.createTimeout()));
            created = true;
        } catch (QdrantCallException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
            created = false;
        }
        // Repeated by every replica that finds the collection: creating an index that exists changes nothing (the
        // schema is a map insert, Collection::create_payload_index_with_wait in lib/collection).
        index(name, FieldNames.KIND, FieldType.FieldTypeKeyword);
        index(name, FieldNames.LECTURE_ID, FieldType.FieldTypeKeyword);
        index(name, QdrantPoints.VERSION, FieldType.FieldTypeKeyword);
        index(name, QdrantPoints.WRITTEN_AT, FieldType.FieldTypeInteger);
        if (created) {
            LOG.infof(
                    "Created Qdrant collection %s (%d dimensions, %d shards, replication %d)",
                    name, dimension, settings.shardNumber(), settings.replicationFactor());
        }
        return created;
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

    private Map<String, Value> metadataMap(String physical) {
        return calls.call(
                        "read collection " + physical,
                        () -> client.getCollectionInfoAsync(physical, settings.timeout()))
                .getConfig()
                .getMetadataMap();
    }

    private void updateMetadata(String physical, Map<String, Value> metadata) {
        calls.call(
                "update collection " + physical,
                () -> client.updateCollectionAsync(
                        UpdateCollection.newBuilder()
                                .setCollectionName(physical)
                                .putAllMetadata(metadata)
                                .build(),
                        settings.timeout()));
    }

    private static Optional<String> stringOf(Map<String, Value> metadata, String key) {
        Value value = metadata.get(key);
        return value != null && value.hasStringValue() ? Optional.of(value.getStringValue()) : Optional.empty();
    }

    private static Optional<Long> longOf(Map<String, Value> metadata, String key) {
        Value value = metadata.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.hasIntegerValue()) {
            return Optional.of(value.getIntegerValue());
        }
        return value.hasDoubleValue() ? Optional.of((long) value.getDoubleValue()) : Optional.empty();
    }

    @Override
    public QdrantCollections.Metadata metadata(String name) {
        Map<String, Value> metadata = metadataMap(name);
        return new QdrantCollections.Metadata(
                stringOf(metadata, CollectionEpochs.ALIAS),
                stringOf(metadata, CollectionEpochs.OWNER),
                longOf(metadata, CollectionEpochs.LEASE_UNTIL),
                longOf(metadata, CollectionEpochs.RETIRED_AT));
    }

    @Override
    public void putMetadata(String name, String key, long value) {
        updateMetadata(name, Map.of(key, ValueFactory.value(value)));
    }

    @Override
    public void tagAlias(String name, String alias) {
        updateMetadata(name, Map.of(CollectionEpochs.ALIAS, ValueFactory.value(alias)));
    }

    @Override
    public void pointAlias(Optional<String> from, String target) {
        List<AliasOperations> operations = new ArrayList<>();
        from.ifPresent(ignored -> operations.add(AliasOperations.newBuilder()
                .setDeleteAlias(DeleteAlias.newBuilder().setAliasName(settings.collection()))
                .build()));
        operations.add(AliasOperations.newBuilder()
                .setCreateAlias(CreateAlias.newBuilder()
                        .setAliasName(settings.collection())
                        .setCollectionName(target))
                .build());
        // One request: readers see the old collection or the new one, never none.
        calls.call(
                "point the alias at " + target,
                settings.createTimeout(),
                () -> client.updateAliasesAsync(operations, settings.createTimeout()));
    }

    @Override
    public void drop(String name) {
        calls.call(
                "drop collection " + name,
                settings.createTimeout(),
                () -> client.deleteCollectionAsync(name, settings.createTimeout()));
    }

    @Override
    public List<String> collections() {
        return calls.call("list collections", () -> client.listCollectionsAsync(settings.timeout()));
    }
}
