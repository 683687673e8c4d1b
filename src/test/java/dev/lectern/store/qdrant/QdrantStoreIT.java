package dev.lectern.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.migrate.MigrateCommand;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore;
import dev.lectern.store.PassageStoreContract;
import dev.lectern.store.lucene.LuceneStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real Qdrant, one fresh collection per test; runs only when {@code QDRANT_URL} is set
 * (see {@link QdrantTestServer}).
 */
@EnabledIfEnvironmentVariable(
        named = QdrantTestServer.VARIABLE,
        matches = ".+",
        disabledReason = QdrantTestServer.SKIPPED)
class QdrantStoreIT extends PassageStoreContract {

    private final List<String> collections = new ArrayList<>();

    @TempDir
    Path temp;

    @Override
    protected PassageStore openStore() {
        String collection = QdrantTestServer.freshCollection();
        collections.add(collection);
        return QdrantStore.open(QdrantTestServer.settings(collection));
    }

    @Override
    protected PassageStore openSecondStoreOnSameData() {
        // Another replica on the same alias: allowed, and must be safe.
        return QdrantStore.open(QdrantTestServer.settings(collections.get(0)));
    }

    @AfterEach
    void dropCollections() throws Exception {
        if (store != null) {
            store.close();
            store = null;
        }
        for (String collection : collections) {
            QdrantTestServer.drop(collection);
        }
    }

    @Test
    void refusesCollectionOfAnotherDimension() {
        String collection = collections.get(0);
        Ingest alpha = ingest("alpha", "v1", 2, 0, RECIPE.dimension());
        store.replaceLecture(RECIPE, alpha.source(), alpha.passages());
        store.close();

        // A second Lectern on the same collection with another model must not write into it.
        store = QdrantStore.open(QdrantTestServer.settings(collection));
        Ingest beta = ingest("beta", "v1", 2, 0, OTHER_RECIPE.dimension());
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> store.replaceLecture(OTHER_RECIPE, beta.source(), beta.passages()));
        assertTrue(refused.getMessage().contains(RECIPE.describe()), refused.getMessage());
        assertEquals(Optional.of(RECIPE), store.recipe());
    }

    @Test
    void migratesFromTheEmbeddedStoreAndBackWithoutReembedding() {
        IndexRecipe recipe = RECIPE;
        Ingest alpha = ingest("alpha", "v1", 3, 0, recipe.dimension());
        Ingest beta = ingest("beta", "v1", 2, 3, recipe.dimension());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MigrateCommand.StoreCopy copy =
                new MigrateCommand.StoreCopy(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (LuceneStore embedded = LuceneStore.open(temp.resolve("from"));
                LuceneStore back = LuceneStore.open(temp.resolve("back"))) {
            embedded.replaceLecture(recipe, alpha.source(), alpha.passages());
            embedded.replaceLecture(recipe, beta.source(), beta.passages());

            assertEquals(0, copy.copy(embedded, store));
            assertEquals(embedded.lectures(), store.lectures());
            assertEquals(embedded.transcript("alpha"), store.transcript("alpha"));
            assertEquals(
                    embedded.search(vectorQuery(axis(4, recipe.dimension()), 1, null))
                            .get(0)
                            .passage(),
                    store.search(vectorQuery(axis(4, recipe.dimension()), 1, null))
                            .get(0)
                            .passage());

            assertEquals(0, copy.copy(store, back));
            assertEquals(embedded.lectures(), back.lectures());
            assertEquals(embedded.passages("beta").size(), back.passages("beta").size());
        }
    }
}
