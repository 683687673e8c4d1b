package dev.lectern.embedding;

/**
 * A model's output for a batch: one vector per token of each input, padding included.
 *
 * @param values the vectors, row by row, token by token: {@code rows * length * hidden} values
 * @param tokenCounts the real (unpadded) tokens of each row; the rest of a row is padding
 * @param length tokens per row, padding included
 * @param hidden the length of each vector
 */
record TokenVectors(float[] values, int[] tokenCounts, int length, int hidden) {

    int rows() {
        return tokenCounts.length;
    }
}
