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
     * Fitted on the 40 development questions by {@code java -jar target/quarkus-app/quarkus-run.jar eval
     * src/test/resources/eval/lecture-qa-dev.jsonl --fit-confidence} with the default settings (signals
     * bestSimilarity, rareWordsFound and typeMismatch, L2 penalty 1 on standardised signals: the procedure that
     * cross-validated best, docs/evaluation.md).
     */
    public static final ConfidenceModel DEFAULT =
            new ConfidenceModel(-1.5406, new double[] {8.9953, 0, 0, 0.9865, 0, -3.2844});

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
