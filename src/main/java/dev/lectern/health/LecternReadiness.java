package dev.lectern.health;

import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.ingest.PassagePipeline;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the embedding model is loaded, the store answers, and the store's vectors were made with this
 * Lectern's recipe. When a Qdrant store cannot be reached, DOWN with {@code store} naming it (e.g.
 * {@code Qdrant at qdrant:6334}); liveness stays UP, since a restart would not help. DOWN too while the store was
 * built with another recipe: another replica is rebuilding it for this one's (docs/qdrant.md, "Collections"),
 * and questions embedded with this model would be compared with the other model's vectors meanwhile.
 */
@Readiness
@ApplicationScoped
class LecternReadiness implements HealthCheck {

    private final SentenceEmbedder embedder;
    private final PassageStore store;
    private final PassagePipeline pipeline;

    LecternReadiness(SentenceEmbedder embedder, PassageStore store, PassagePipeline pipeline) {
        this.embedder = embedder;
        this.store = store;
        this.pipeline = pipeline;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Optional<String> mismatch = recipeMismatch(store.recipe(), pipeline.recipe());
            if (mismatch.isPresent()) {
                return HealthCheckResponse.named("lectern")
                        .down()
                        .withData("reason", mismatch.get())
                        .build();
            }
            int lectures = store.lectures().size();
            return HealthCheckResponse.named("lectern")
                    .up()
                    .withData("model", embedder.spec().id())
                    .withData("dimension", embedder.dimension())
                    .withData("lectures", lectures)
                    .build();
        } catch (StoreUnavailableException e) {
            return HealthCheckResponse.named("lectern")
                    .down()
                    .withData("store", e.store())
                    .withData("reason", e.getMessage())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("lectern")
                    .down()
                    .withData("store", "unavailable: " + e.getMessage())
                    .build();
        }
    }

    /** Why this Lectern cannot search the store yet, if the store's vectors were made with another recipe. */
    static Optional<String> recipeMismatch(Optional<IndexRecipe> stored, IndexRecipe current) {
        if (stored.isEmpty() || stored.get().equals(current)) {
            return Optional.empty();
        }
        return Optional.of("the index was built with " + stored.get().describe() + ", this Lectern embeds with "
                + current.describe() + "; waiting for the index to be rebuilt");
    }
}
