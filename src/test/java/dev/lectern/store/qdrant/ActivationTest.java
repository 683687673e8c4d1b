package dev.lectern.store.qdrant;

import static dev.lectern.store.qdrant.Activation.Attempt.ACKNOWLEDGED;
import static dev.lectern.store.qdrant.Activation.Attempt.REFUSED;
import static dev.lectern.store.qdrant.Activation.Attempt.UNCLEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.store.qdrant.Activation.Decision;
import dev.lectern.store.qdrant.Activation.Next;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a writer does after trying to switch a lecture to its new generation, for every outcome. */
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
        // no-op; try again expecting their generation, so theirs is retired and nothing is orphaned.
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
}
