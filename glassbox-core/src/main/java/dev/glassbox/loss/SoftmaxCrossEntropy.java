package dev.glassbox.loss;

import dev.glassbox.tensor.Matrix;

/**
 * Softmax followed by cross-entropy, fused: {@code p = softmax(z)}, {@code loss = −log p[label]},
 * averaged over the batch.
 *
 * <p>Fusing gives the simple, stable gradient {@code ∂loss/∂z = (p − onehot(label)) / batch}:
 * the output neuron of the right digit is pushed up by 1 − p, every other one down by its p.
 * The softmax subtracts each row's maximum first so that exp never overflows.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double value(Matrix output, int[] labels) {
        Loss.checkLabels("cross-entropy", output, labels);
        float[] z = output.data();
        int classes = output.cols();
        double total = 0;
        for (int r = 0; r < output.rows(); r++) {
            int row = r * classes;
            double max = rowMax(z, row, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[row + c] - max);
            }
            // −log p[label] = log Σ exp(z − max) + max − z[label]
            total += Math.log(sum) + max - z[row + labels[r]];
        }
        return output.rows() == 0 ? 0 : total / output.rows();
    }

    @Override
    public double valueAndGradient(Matrix output, int[] labels, Matrix dOutput) {
        output.requireSameShape("cross-entropy: dOutput", dOutput);
        double loss = value(output, labels);
        probabilities(output, dOutput);
        float[] d = dOutput.data();
        int classes = output.cols();
        float scale = 1f / output.rows();
        for (int r = 0; r < output.rows(); r++) {
            int row = r * classes;
            d[row + labels[r]] -= 1f;
            for (int c = 0; c < classes; c++) {
                d[row + c] *= scale;
            }
        }
        return loss;
    }

    @Override
    public void probabilities(Matrix output, Matrix probabilities) {
        output.requireSameShape("cross-entropy: probabilities", probabilities);
        float[] z = output.data();
        float[] p = probabilities.data();
        int classes = output.cols();
        for (int r = 0; r < output.rows(); r++) {
            int row = r * classes;
            double max = rowMax(z, row, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[row + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                p[row + c] = (float) (Math.exp(z[row + c] - max) / sum);
            }
        }
    }

    private static double rowMax(float[] z, int row, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z[row + c]);
        }
        return max;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}
