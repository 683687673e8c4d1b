package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.Activation.Attempt.ACKNOWLEDGED;
import static dev.lectern.store.qdrant.Activation.Attempt.REFUSED;
import static dev.lectern.store.qdrant.Activation.Attempt.UNCLEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.store.StoreUnavailableException;
import dev.lectern.store.qdrant.Activation.Decision;
import dev.lectern.store.qdrant.Activation.Next;
import dev.lectern.store.qdrant.Activation.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a writer does after trying to switch a lecture to its new version, for every outcome. */
class ActivationTest {

    private static final Optional<String> NONE = Optional.empty();

    @Test
    void acknowledgedSwitchRetiresWhatItReplaced() {
        Decision decision = Activation.after("new", Optional.of("old"), ACKNOWLEDGED, Optional.of("new"), 1);
        assertEquals(new Decision(Next.DONE, Optional.of("old"), NONE), decision);
    }

    @Test
    void firstWriteOfALectureRetiresNothing() {
        assertEquals(
                new Decision(Next.DONE, NONE, NONE),
                Activation.after("new", NONE, ACKNOWLEDGED, Optional.of("new"), 1));
    }

    @Test
    void timedOutActivationThatLandedAnywayIsASuccess() {
        // Qdrant finishes an accepted update after the client gave up: reading back shows it applied.
        assertEquals(
                new Decision(Next.DONE, Optional.of("old"), NONE),
                Activation.after("new", Optional.of("old"), UNCLEAR, Optional.of("new"), 1));
    }

    @Test
    void unclearActivationNotYetVisibleKeepsThePassages() {
        // It may still land: deleting the passages now could leave a listed lecture no search can find.
        assertEquals(
                new Decision(Next.UNKNOWN, NONE, NONE),
                Activation.after("new", Optional.of("old"), UNCLEAR, Optional.of("old"), 1));
        assertEquals(new Decision(Next.UNKNOWN, NONE, NONE), Activation.after("new", NONE, UNCLEAR, NONE, 1));
    }

    @Test
    void refusedActivationDeletesThePassages() {
        assertEquals(
                new Decision(Next.FAILED, NONE, NONE),
                Activation.after("new", Optional.of("old"), REFUSED, Optional.of("old"), 1));
    }

    @Test
    void writerThatLostTheRaceTriesAgainAgainstTheWinner() {
        // Another replica switched the lecture between our read and our switch: our conditional upsert was a
        // no-op; try again expecting their version, so theirs is retired and nothing is orphaned.
        Decision decision = Activation.after("ours", Optional.of("old"), ACKNOWLEDGED, Optional.of("theirs"), 1);
        assertEquals(new Decision(Next.RETRY, NONE, Optional.of("theirs")), decision);
        assertEquals(
                new Decision(Next.DONE, Optional.of("theirs"), NONE),
                Activation.after("ours", Optional.of("theirs"), ACKNOWLEDGED, Optional.of("ours"), 2));
    }

    @Test
    void lectureDeletedMeanwhileIsWrittenAgain() {
        assertEquals(
                new Decision(Next.RETRY, NONE, NONE),
                Activation.after("ours", Optional.of("old"), ACKNOWLEDGED, NONE, 1));
    }

    @Test
    void endlessContentionGivesUpAndCleansUp() {
        assertEquals(
                new Decision(Next.FAILED, NONE, NONE),
                Activation.after("ours", Optional.of("x"), ACKNOWLEDGED, Optional.of("y"), Activation.MAX_ATTEMPTS));
    }

    // ---- the whole loop, with the calls stood in for ----

    private final List<Optional<String>> attempts = new ArrayList<>();
    private int discarded;

    @Test
    void unclearSwitchNotVisibleFailsAndKeepsThePassages() {
        Steps steps = steps(
                expect -> {
                    throw new StoreUnavailableException("Qdrant at test:6334", "activate: DEADLINE_EXCEEDED", null);
                },
                () -> Optional.of("old"));
        StoreUnavailableException failure = assertThrows(
                StoreUnavailableException.class, () -> Activation.run("new", Optional.of("old"), steps, "Q", "talk"));
        assertTrue(failure.getMessage().contains("DEADLINE_EXCEEDED"), failure.getMessage());
        assertEquals(0, discarded, "the switch may still land: its passages must stay");
    }

    @Test
    void unclearSwitchThatLandedSucceeds() {
        Steps steps = steps(
                expect -> {
                    throw new StoreUnavailableException("Qdrant at test:6334", "activate: UNAVAILABLE", null);
                },
                () -> Optional.of("new"));
        assertEquals(Optional.of("old"), Activation.run("new", Optional.of("old"), steps, "Q", "talk"));
        assertEquals(0, discarded);
    }

    @Test
    void refusedSwitchDiscardsThePassages() {
        Steps steps = steps(
                expect -> {
                    throw new QdrantCallException("refused", QdrantOutcome.REFUSED, null);
                },
                () -> Optional.of("old"));
        assertThrows(QdrantCallException.class, () -> Activation.run("new", Optional.of("old"), steps, "Q", "talk"));
        assertEquals(1, discarded);
    }

    @Test
    void lostRaceIsRetriedAgainstTheWinnerAndRetiresIt() {
        List<Optional<String>> records = new ArrayList<>(List.of(Optional.of("theirs"), Optional.of("new")));
        Steps steps = steps(expect -> {}, () -> records.remove(0));
        assertEquals(Optional.of("theirs"), Activation.run("new", Optional.of("old"), steps, "Q", "talk"));
        assertEquals(List.of(Optional.of("old"), Optional.of("theirs")), attempts, "each attempt expects the latest");
        assertEquals(0, discarded);
    }

    @Test
    void unreadableOutcomeKeepsThePassages() {
        Steps steps = steps(expect -> {}, () -> {
            throw new StoreUnavailableException("Qdrant at test:6334", "read records: UNAVAILABLE", null);
        });
        assertThrows(StoreUnavailableException.class, () -> Activation.run("new", NONE, steps, "Q", "talk"));
        assertEquals(0, discarded);
    }

    private Steps steps(Consumer<Optional<String>> attempt, Supplier<Optional<String>> readBack) {
        return new Steps() {
            @Override
            public void attempt(Optional<String> expect) {
                attempts.add(expect);
                attempt.accept(expect);
            }

            @Override
            public Optional<String> readBack() {
                return readBack.get();
            }

            @Override
            public void discard(Throwable reportTo) {
                discarded++;
            }
        };
    }
}
