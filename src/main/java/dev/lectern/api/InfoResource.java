package dev.lectern.api;

import dev.lectern.chapter.ExampleQuestions;
import dev.lectern.config.LecternConfig;
import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.ingest.LectureService;
import dev.lectern.lecture.Lecture;
import dev.lectern.search.TranscriptWindows;
import dev.lectern.store.TextAnalysis;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
     * @param maxTranscriptWindowSeconds longest window {@code GET /api/lectures/{id}/transcript} serves at once
     * @param stopWords words the keyword search leaves out, sorted (the web page does not emphasise them)
     * @param examples example questions about the longest stored lecture, or {@code null} when none is stored
     */
    public record Info(
            String version,
            String model,
            int dimension,
            String store,
            int lectures,
            long passages,
            long maxTranscriptWindowSeconds,
            List<String> stopWords,
            Examples examples) {}

    /**
     * Questions to try, made from the key phrases of the chapters of the longest stored lecture.
     *
     * @param lectureId the lecture they are about
     * @param lectureTitle its title
     * @param questions up to three questions
     */
    public record Examples(String lectureId, String lectureTitle, List<String> questions) {}

    /** Example questions offered. */
    private static final int EXAMPLES = 3;

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "What this Lectern runs on",
            description = "Version, embedding model and its dimension, store kind, how many lectures and passages"
                    + " are stored, the limits and stop words the web page follows, and example questions about a"
                    + " stored lecture.")
    public Info info() {
        List<Lecture> stored = lectures.list();
        return new Info(
                version,
                embedder.spec().id(),
                embedder.dimension(),
                config.store().name().toLowerCase(Locale.ROOT),
                stored.size(),
                stored.stream().mapToLong(Lecture::passages).sum(),
                TranscriptWindows.MAX_WINDOW_MILLIS / 1000,
                TextAnalysis.stopWords(),
                examples(stored));
    }

    /** Examples from the longest stored lecture (the first of equals in the list): one outline read. */
    private Examples examples(List<Lecture> stored) {
        Optional<Lecture> longest = stored.stream().max(Comparator.comparingDouble(Lecture::durationSeconds));
        if (longest.isEmpty()) {
            return null;
        }
        Lecture lecture = longest.get();
        return lectures.storedOutline(lecture.id())
                .map(outline -> new Examples(lecture.id(), lecture.title(), ExampleQuestions.of(outline, EXAMPLES)))
                .orElse(null);
    }
}
