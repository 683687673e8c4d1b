package dev.lectern.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The development question set through the service's own retrieval: a floor against regressions, below the
 * quality targets (docs/evaluation.md has the measured figures).
 */
@QuarkusTest
class DevSetQualityTest {

    @Inject
    LectureEvaluation evaluation;

    @Test
    void developmentSetStaysAboveTheFloor() throws Exception {
        EvaluationReport report = evaluation.evaluate(
                GoldQuestions.read(resource("/eval/lecture-qa-dev.jsonl")),
                null,
                "cs25-ming-ding-multimodal-pretraining");
        System.out.println(EvalCommand.text(report));
        assertTrue(
                report.overall().hitAt5() >= 0.90, "Hit@5 " + report.overall().hitAt5() + " below the 0.90 floor");
        assertTrue(
                report.overall().mrrAt10() >= 0.75, "MRR@10 " + report.overall().mrrAt10() + " below the 0.75 floor");
        assertTrue(report.medianPassageSeconds() <= 60, "median passage " + report.medianPassageSeconds() + " s");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DevSetQualityTest.class.getResource(name).toURI());
    }
}
