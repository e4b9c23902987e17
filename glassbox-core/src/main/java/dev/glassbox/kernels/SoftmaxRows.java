package dev.glassbox.kernels;

import dev.glassbox.tensor.PortableMath;

/**
 * The reference loop for softmax cross-entropy over rows of raw outputs, in double precision:
 * the scalar kernels run it, and the SIMD kernels are tested against it.
 */
public final class SoftmaxRows {
    private SoftmaxRows() {}

    /**
     * For every row r: {@code loss_r = −log softmax(z_r)[label_r] = log Σ exp(z − max) + max − z[label]},
     * subtracting the row's maximum first so that exp never overflows; and, if {@code gradient}
     * is given, {@code gradient_r = (softmax(z_r) − onehot(label_r)) · scale}.
     *
     * @param z (rows, classes), not modified
     * @param labels (rows) in 0..classes−1, not checked here
     * @param gradient (rows, classes), overwritten; or null for the loss alone
     * @return Σ_r loss_r, summed in row order
     */
    public static double crossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += PortableMath.exp(z[row + c] - max);
            }
            total += PortableMath.log(sum) + max - z[row + labels[r]];
            if (gradient != null) {
                for (int c = 0; c < classes; c++) {
                    float p = (float) (PortableMath.exp(z[row + c] - max) / sum);
                    gradient[row + c] = (c == labels[r] ? p - 1f : p) * scale;
                }
            }
        }
        return total;
    }
}
