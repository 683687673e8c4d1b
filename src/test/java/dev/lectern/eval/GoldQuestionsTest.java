package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.eval.EvaluationReport.QuestionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldQuestionsTest {

    @Test
    void readsQuestionsSpansAndKinds() {
        GoldQuestion question = GoldQuestions.parse(
                "{\"id\": \"q1\", \"question\": \"What?\", \"spans\": [[\"00:16:26\", \"00:19:30\"]], \"kind\": \"term\"}",
                1);
        assertEquals("q1", question.id());
        assertEquals("term", question.kind());
        assertEquals(986, question.spans().get(0)[0]);
        assertEquals(1170, question.spans().get(0)[1]);
        assertTrue(question.hits(1100, 1200));
        assertFalse(question.hits(1170, 1200), "touching the end is not overlapping");
        assertTrue(question.answerable());
    }

    @Test
    void emptySpansMeanUnanswerable() {
        GoldQuestion question = GoldQuestions.parse("{\"question\": \"Why?\", \"spans\": []}", 3);
        assertFalse(question.answerable());
        assertEquals("none", question.kind());
        assertEquals("line-3", question.id());
    }

    @Test
    void rejectsBadLinesNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GoldQuestions.parse("{\"spans\": []}", 7))
                .getMessage()
                .startsWith("line 7"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> GoldQuestions.parse("{\"question\": \"x\", \"spans\": [[\"ab\", \"00:01\"]]}", 2))
                .getMessage()
                .contains("'ab'"));
        assertThrows(IllegalArgumentException.class, () -> GoldQuestions.parse("{\"question\": \"x\"}", 1));
    }

    @Test
    void scoresRanksIntoHitsAndReciprocalRanks() {
        List<QuestionResult> results = List.of(
                result("a", true, 1, true, List.of(30.0)),
                result("b", true, 3, true, List.of(50.0)),
                result("c", true, 0, false, List.of(40.0)),
                result("d", false, 0, false, List.of()));
        EvaluationReport report = LectureEvaluation.report(results);
        assertEquals(3, report.overall().questions());
        assertEquals(1 / 3.0, report.overall().hitAt1(), 1e-9);
        assertEquals(2 / 3.0, report.overall().hitAt5(), 1e-9);
        assertEquals((1 + 1 / 3.0) / 3, report.overall().mrrAt10(), 1e-9);
        assertEquals(1.0, report.abstention());
        assertEquals(2 / 3.0, report.answerableConfident(), 1e-9);
        assertEquals(40.0, report.medianPassageSeconds());
    }

    private static QuestionResult result(String id, boolean answerable, int rank, boolean confident, List<Double> top) {
        return new QuestionResult(
                id, answerable ? "k" : "none", "?", answerable, rank, confident, 0.5, 0, 0, 0.5, Map.of(), top);
    }
}
