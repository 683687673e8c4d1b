package dev.lectern.health;

import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.store.PassageStore;
import dev.lectern.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the embedding model is loaded and the store answers. When a Qdrant store cannot be reached, DOWN with
 * {@code store} naming it (e.g. {@code Qdrant at qdrant:6334}); liveness stays UP, since a restart would not help.
 */
@Readiness
@ApplicationScoped
class LecternReadiness implements HealthCheck {

    private final SentenceEmbedder embedder;
    private final PassageStore store;

    LecternReadiness(SentenceEmbedder embedder, PassageStore store) {
        this.embedder = embedder;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
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
}
