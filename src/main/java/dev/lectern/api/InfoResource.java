package dev.lectern.api;

import dev.lectern.config.LecternConfig;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.ingest.LectureService;
import dev.lectern.lecture.Lecture;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/info}: what this Lectern runs on, so operators and benchmarks know what they measure. */
@Path("/api/info")
@Tag(name = "Info")
public class InfoResource {

    private final SentenceEmbedder embedder;
    private final LectureService lectures;
    private final LecternConfig config;
    private final String version;

    InfoResource(
            SentenceEmbedder embedder,
            LectureService lectures,
            LecternConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.embedder = embedder;
        this.lectures = lectures;
        this.config = config;
        this.version = version;
    }

    /**
     * The response of {@code GET /api/info}.
     *
     * @param version Lectern's version
     * @param model the embedding model's id, e.g. {@code all-minilm-l6-v2-q}
     * @param dimension length of its vectors
     * @param store {@code embedded} or {@code qdrant}
     * @param lectures lectures stored
     * @param passages passages stored, over all lectures
     */
    public record Info(String version, String model, int dimension, String store, int lectures, long passages) {}

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "What this Lectern runs on",
            description = "Version, embedding model and its dimension, store kind, and how many lectures and"
                    + " passages are stored.")
    public Info info() {
        List<Lecture> stored = lectures.list();
        return new Info(
                version,
                embedder.spec().id(),
                embedder.dimension(),
                config.store().name().toLowerCase(Locale.ROOT),
                stored.size(),
                stored.stream().mapToLong(Lecture::passages).sum());
    }
}
