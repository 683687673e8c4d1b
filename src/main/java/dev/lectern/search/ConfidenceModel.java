package dev.lectern.search;

/**
 * A logistic model of whether the lectures answer a question: {@code 1 / (1 + exp(-(intercept + Σ wᵢ·xᵢ)))} over
 * {@link ConfidenceSignals}. The coefficients are fitted on the development questions by
 * {@code eval --fit-confidence} (see docs/evaluation.md, which also says how the fit was cross-validated); a
 * signal with weight 0 is not used.
 *
 * @param intercept the constant term
 * @param weights one weight per signal, in the order of {@link ConfidenceSignals#NAMES}
 */
public record ConfidenceModel(double intercept, double[] weights) {

    /**
     * Fitted on the 81 development questions ({@code lecture-qa-dev.jsonl} and {@code lecture-qa-dev-extra.jsonl},
     * 31 of them unanswerable) by {@code eval --fit-confidence} with the default settings (signals bestSimilarity,
     * sentenceSimilarity, sentenceCoverage, typedCoverage and typeMismatch, L2 penalty 0.1 on standardised signals:
     * the procedure that cross-validated best, docs/evaluation.md). The two coverage weights nearly cancel: what
     * counts is how much less of the question the sentences holding the kind of answer asked for cover.
     */
    public static final ConfidenceModel DEFAULT =
            new ConfidenceModel(-2.5731, new double[] {-0.0582, 0, 0, 0, 0, -0.4173, 6.8982, -19.4739, 19.4176, 0});

    public ConfidenceModel {
        if (weights.length != ConfidenceSignals.NAMES.length) {
            throw new IllegalArgumentException(
                    "weights must have " + ConfidenceSignals.NAMES.length + " values, had " + weights.length);
        }
        weights = weights.clone();
    }

    /** The probability that the lectures answer the question, 0-1. */
    public double score(ConfidenceSignals signals) {
        double[] values = signals.values();
        double z = intercept;
        for (int i = 0; i < values.length; i++) {
            z += weights[i] * values[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
