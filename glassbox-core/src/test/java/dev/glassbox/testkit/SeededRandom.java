package dev.glassbox.testkit;

import dev.glassbox.tensor.Matrix;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Random test data from explicit seeds: the same seed always gives the same numbers. */
public final class SeededRandom {
    private SeededRandom() {}

    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    /** A (rows, cols) matrix uniform in [-1, 1). */
    public static Matrix matrix(int rows, int cols, long seed) {
        SplittableRandom random = random(seed);
        Matrix m = Matrix.zeros(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat() * 2 - 1;
        }
        return m;
    }

    /**
     * A (rows, cols) matrix whose magnitudes are uniform in [min, max] with random signs: keeps
     * inputs away from kinks at 0 (ReLU) by more than a finite-difference step.
     */
    public static Matrix awayFromZero(int rows, int cols, double min, double max, long seed) {
        SplittableRandom random = random(seed);
        Matrix m = Matrix.zeros(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            double magnitude = min + (max - min) * random.nextDouble();
            d[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
        }
        return m;
    }

    /** n values uniform in [-1, 1), about {@code zeroFraction} of them exactly 0 (kernels skip zero multipliers). */
    public static float[] withZeros(int n, double zeroFraction, RandomGenerator random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < zeroFraction ? 0f : random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /** n class labels uniform in 0..classes−1. */
    public static int[] labels(int n, int classes, long seed) {
        SplittableRandom random = random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }
}
