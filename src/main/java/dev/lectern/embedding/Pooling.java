package dev.lectern.embedding;

import java.util.ArrayList;
import java.util.List;

/** How a sentence model's per-token vectors become one vector for the whole input. */
public enum Pooling {
    /** Average of the token vectors, ignoring padding (sentence-transformers' default, e.g. all-MiniLM-L6-v2). */
    MEAN,
    /** The vector of the first ({@code [CLS]}) token (e.g. the BGE family). */
    CLS;

    /** One L2-normalised vector per row of {@code output}. */
    List<float[]> pool(TokenVectors output) {
        int length = output.length();
        int hidden = output.hidden();
        float[] tokenVectors = output.values();
        List<float[]> vectors = new ArrayList<>(output.rows());
        for (int r = 0; r < output.rows(); r++) {
            float[] vector = new float[hidden];
            int rowOffset = r * length * hidden;
            if (this == CLS) {
                System.arraycopy(tokenVectors, rowOffset, vector, 0, hidden);
            } else {
                // Padding comes after the real tokens, so the first tokenCounts[r] are the ones to average.
                int counted = output.tokenCounts()[r];
                for (int t = 0; t < counted; t++) {
                    int offset = rowOffset + t * hidden;
                    for (int d = 0; d < hidden; d++) {
                        vector[d] += tokenVectors[offset + d];
                    }
                }
                for (int d = 0; d < hidden; d++) {
                    vector[d] /= counted;
                }
            }
            normalise(vector);
            vectors.add(vector);
        }
        return vectors;
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] /= (float) norm;
            }
        }
    }
}
