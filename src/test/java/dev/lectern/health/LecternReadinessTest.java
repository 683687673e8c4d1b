package dev.lectern.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.store.IndexRecipe;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A replica whose model differs from the store's is not ready: it waits for the rebuild instead of serving. */
class LecternReadinessTest {

    private static final IndexRecipe OLD = new IndexRecipe("old-model", 8, 256, "mean", "", "", 200, 40, 0, 0);
    private static final IndexRecipe NEW = new IndexRecipe("new-model", 8, 256, "mean", "", "", 200, 40, 0, 0);

    @Test
    void readyWhenTheStoreIsEmptyOrMatches() {
        assertEquals(Optional.empty(), LecternReadiness.recipeMismatch(Optional.empty(), NEW));
        assertEquals(Optional.empty(), LecternReadiness.recipeMismatch(Optional.of(NEW), NEW));
    }

    @Test
    void notReadyWhileTheStoreHoldsAnotherRecipe() {
        String reason = LecternReadiness.recipeMismatch(Optional.of(OLD), NEW).orElseThrow();
        assertTrue(reason.contains(OLD.describe()) && reason.contains(NEW.describe()), reason);
        assertTrue(reason.contains("waiting for the index to be rebuilt"), reason);
    }
}
