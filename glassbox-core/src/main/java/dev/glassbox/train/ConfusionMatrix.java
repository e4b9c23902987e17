package dev.glassbox.train;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} samples of class t were
 * predicted as p. The diagonal holds the correct predictions.
 */
public record ConfusionMatrix(long[][] counts) {

    public ConfusionMatrix {
        int n = counts.length;
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
            if (counts[i].length != n) {
                throw new IllegalArgumentException("ConfusionMatrix: row " + i + " has " + counts[i].length
                        + " columns, expected " + n);
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    public static ConfusionMatrix empty(int classes) {
        return new ConfusionMatrix(new long[classes][classes]);
    }

    public int classes() {
        return counts.length;
    }

    public long count(int trueClass, int predicted) {
        return counts[trueClass][predicted];
    }

    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return correct;
    }

    // A record compares array components by reference; counts are what make two matrices equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(counts);
    }

    /** Fraction of all samples predicted correctly (0 for an empty matrix). */
    public double accuracy() {
        long total = total();
        return total == 0 ? 0 : (double) correct() / total;
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c} (NaN if none were). */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c} (NaN if there are none). */
    public double recall(int c) {
        long actual = 0;
        for (long n : counts[c]) {
            actual += n;
        }
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }
}
