package dev.glassbox.data;

import dev.glassbox.tensor.PortableMath;
import dev.glassbox.tensor.Rng;
import java.util.Arrays;

/**
 * One worker's scratch for {@link Augmentation}: its generator and the elastic field's buffers,
 * reused image after image so that distorting a batch allocates nothing once they have grown.
 * Not shared: each share of a batch has its own (see {@link AugmentedBatches}).
 */
final class Distorter {
    final Rng random = new Rng(0);
    float[] dx = new float[0];
    float[] dy = new float[0];
    float[] blur = new float[0];
    double[] kernel = new double[0];
    /** The Gaussian, normalised to sum 1. */
    float[] weights = new float[0];
    double kernelSigma = -1;

    void distort(Augmentation a, Dataset data, int sample, float[] out, int offset) {
        boolean elastic = a.alpha() > 0;
        if (elastic) {
            field(a, data.imageRows(), data.imageCols());
        }
        double angle = uniform(a.rotate());
        double s = 1 + uniform(a.scale());
        double h = uniform(a.shear());
        double tx = uniform(a.shift());
        double ty = uniform(a.shift());
        Augmentation.transform(data, sample, angle, s, h, tx, ty, elastic ? dx : null, elastic ? dy : null, out, offset);
    }

    /** Uniform in [−max, max]. */
    private double uniform(double max) {
        return max == 0 ? 0 : (random.nextDouble() * 2 - 1) * max;
    }

    /** Fills dx, dy with uniform noise smoothed by a Gaussian of width sigma, times alpha. */
    void field(Augmentation a, int rows, int cols) {
        int n = rows * cols;
        if (dx.length < n) {
            dx = new float[n];
            dy = new float[n];
            blur = new float[n];
        }
        if (kernelSigma != a.sigma()) {
            int radius = (int) Math.ceil(3 * a.sigma());
            kernel = new double[2 * radius + 1];
            weights = new float[kernel.length];
            double total = 0;
            for (int i = -radius; i <= radius; i++) {
                kernel[i + radius] = PortableMath.exp(-0.5 * i * i / (a.sigma() * a.sigma()));
                total += kernel[i + radius];
            }
            for (int i = 0; i < kernel.length; i++) {
                weights[i] = (float) (kernel[i] / total);
            }
            kernelSigma = a.sigma();
        }
        for (float[] f : new float[][] {dx, dy}) {
            for (int i = 0; i < n; i++) {
                f[i] = (float) (random.nextDouble() * 2 - 1);
            }
            smooth(f, rows, cols, a.alpha());
        }
    }

    /**
     * A separable Gaussian blur (rows, then columns; beyond the edges counts as 0), the
     * kernel normalised to sum 1 and the result scaled by {@code alpha}. Written as one
     * multiply-add per tap over a whole row, which the JIT compiler vectorises.
     */
    private void smooth(float[] f, int rows, int cols, double alpha) {
        int radius = kernel.length / 2;
        Arrays.fill(blur, 0, rows * cols, 0f);
        for (int y = 0; y < rows; y++) {
            int row = y * cols;
            for (int k = -radius; k <= radius; k++) {
                float w = weights[k + radius];
                int from = Math.max(0, -k);
                int to = Math.min(cols, cols - k);
                for (int x = from; x < to; x++) {
                    blur[row + x] += w * f[row + x + k];
                }
            }
        }
        Arrays.fill(f, 0, rows * cols, 0f);
        for (int k = -radius; k <= radius; k++) {
            float w = (float) alpha * weights[k + radius];
            for (int y = Math.max(0, -k); y < Math.min(rows, rows - k); y++) {
                int row = y * cols;
                int source = (y + k) * cols;
                for (int x = 0; x < cols; x++) {
                    f[row + x] += w * blur[source + x];
                }
            }
        }
    }
}
