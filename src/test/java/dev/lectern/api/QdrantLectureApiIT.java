package dev.lectern.api;

import dev.lectern.store.qdrant.QdrantTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link LectureApiTest}, unchanged, on a real Qdrant: one HTTP contract for both stores. Needs {@code QDRANT_URL}. */
@QuarkusTest
@TestProfile(QdrantServerProfile.class)
@EnabledIfEnvironmentVariable(
        named = QdrantTestServer.VARIABLE,
        matches = ".+",
        disabledReason = QdrantTestServer.SKIPPED)
class QdrantLectureApiIT extends LectureApiTest {}
