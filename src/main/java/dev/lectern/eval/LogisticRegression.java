package dev.lectern.eval;

import java.util.Arrays;

/**
 * L2-regularised logistic regression fitted by Newton's method, for the confidence score: a handful of signals and
 * tens of questions, so no library earns its weight. Signals are standardised before fitting (so one penalty suits
 * them all) and the coefficients are returned on the original scale.
 */
final class LogisticRegression {

    private LogisticRegression() {}

    /** An intercept and one weight per signal, on the signals' own scale. */
    record Fit(double intercept, double[] weights) {

        double score(double[] x) {
            double z = intercept;
            for (int i = 0; i < x.length; i++) {
                z += weights[i] * x[i];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    /**
     * Fits {@code P(y = 1 | x)}.
     *
     * @param x one row of signals per example
     * @param y 1 or 0 per example
     * @param penalty L2 penalty on the standardised weights (not on the intercept)
     * @param used which signals to use; unused ones get weight 0
     */
    static Fit fit(double[][] x, int[] y, double penalty, boolean[] used) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            for (double[] row : x) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        int[] columns = java.util.stream.IntStream.range(0, d)
                .filter(j -> used[j] && sd[j] > 1e-9)
                .toArray();
        int p = columns.length + 1;
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int c = 0; c < columns.length; c++) {
                int j = columns[c];
                z[i][c + 1] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        double[] beta = new double[p];
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int k = 0; k < p; k++) {
                    eta += beta[k] * z[i][k];
                }
                double mu = 1 / (1 + Math.exp(-eta));
                double w = Math.max(mu * (1 - mu), 1e-9);
                for (int k = 0; k < p; k++) {
                    gradient[k] += (y[i] - mu) * z[i][k];
                    for (int l = 0; l < p; l++) {
                        hessian[k][l] += w * z[i][k] * z[i][l];
                    }
                }
            }
            for (int k = 1; k < p; k++) {
                gradient[k] -= penalty * beta[k];
                hessian[k][k] += penalty;
            }
            hessian[0][0] += 1e-6;
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int k = 0; k < p; k++) {
                beta[k] += step[k];
                size = Math.max(size, Math.abs(step[k]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        double intercept = beta[0];
        double[] weights = new double[d];
        for (int c = 0; c < columns.length; c++) {
            int j = columns[c];
            weights[j] = beta[c + 1] / sd[j];
            intercept -= beta[c + 1] * mean[j] / sd[j];
        }
        return new Fit(intercept, weights);
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; {@code a} is small and positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = m[row][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[row][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * x[k];
            }
            x[row] = sum / m[row][row];
        }
        return x;
    }
}
