package dev.glassbox.cli;

import dev.glassbox.data.Table;
import java.util.List;
import java.util.TreeSet;

/**
 * A plain multinomial logistic regression in double precision — the baseline a table's network
 * must at least match: features standardised with the training rows' mean and deviation,
 * softmax over a linear map, full-batch gradient descent on the mean cross-entropy plus
 * scikit-learn's default L2 penalty (C = 1, i.e. ½‖W‖² / n).
 */
final class LogisticRegression {
    private static final int STEPS = 5000;
    private static final double RATE = 0.5;

    private LogisticRegression() {}

    /** Trains on {@code train} (every column but {@code label} a number) and returns the accuracy on {@code test}. */
    static double accuracy(Table train, Table test, int label) {
        List<String> classes = new TreeSet<>(column(train, label)).stream().toList();
        int d = train.columns() - 1;
        double[] mean = new double[d];
        double[] sd = new double[d];
        double[][] x = features(train, label);
        for (int j = 0; j < d; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / x.length;
            }
            for (double[] row : x) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        standardise(x, mean, sd);
        int k = classes.size();
        int n = x.length;
        int[] y = column(train, label).stream().mapToInt(classes::indexOf).toArray();
        double[][] w = new double[k][d + 1]; // the last column is the bias
        for (int step = 0; step < STEPS; step++) {
            double[][] grad = new double[k][d + 1];
            for (int i = 0; i < n; i++) {
                double[] p = probabilities(w, x[i]);
                for (int c = 0; c < k; c++) {
                    double g = (p[c] - (y[i] == c ? 1 : 0)) / n;
                    for (int j = 0; j < d; j++) {
                        grad[c][j] += g * x[i][j];
                    }
                    grad[c][d] += g;
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j <= d; j++) {
                    double penalty = j < d ? w[c][j] / n : 0;
                    w[c][j] -= RATE * (grad[c][j] + penalty);
                }
            }
        }
        double[][] t = features(test, label);
        standardise(t, mean, sd);
        List<String> truth = column(test, label);
        int correct = 0;
        for (int i = 0; i < t.length; i++) {
            double[] p = probabilities(w, t[i]);
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = p[c] > p[best] ? c : best;
            }
            correct += classes.get(best).equals(truth.get(i)) ? 1 : 0;
        }
        return (double) correct / t.length;
    }

    private static double[] probabilities(double[][] w, double[] x) {
        int k = w.length;
        int d = x.length;
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            z[c] = w[c][d];
            for (int j = 0; j < d; j++) {
                z[c] += w[c][j] * x[j];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < k; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static double[][] features(Table table, int label) {
        double[][] x = new double[table.rows()][table.columns() - 1];
        for (int r = 0; r < table.rows(); r++) {
            for (int c = 0, j = 0; c < table.columns(); c++) {
                if (c != label) {
                    x[r][j++] = Double.parseDouble(table.cell(r, c));
                }
            }
        }
        return x;
    }

    private static void standardise(double[][] x, double[] mean, double[] sd) {
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - mean[j]) / sd[j];
            }
        }
    }

    private static List<String> column(Table table, int c) {
        return java.util.stream.IntStream.range(0, table.rows()).mapToObj(r -> table.cell(r, c).strip()).toList();
    }
}
