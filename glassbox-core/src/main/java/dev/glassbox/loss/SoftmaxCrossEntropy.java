package dev.glassbox.loss;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.SoftmaxRows;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.PortableMath;

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
        double total = SoftmaxRows.crossEntropy(output.data(), labels, null, 0f, output.rows(), output.cols());
        return mean(total, output);
    }

    @Override
    public double value(Matrix output, int[] labels, Kernels kernels) {
        Loss.checkLabels("cross-entropy", output, labels);
        double total = kernels.softmaxCrossEntropy(output.data(), labels, null, 0f, output.rows(), output.cols());
        return mean(total, output);
    }

    @Override
    public double valueAndGradient(Matrix output, int[] labels, Matrix dOutput) {
        checkGradient(output, labels, dOutput);
        double total = SoftmaxRows.crossEntropy(output.data(), labels, dOutput.data(), 1f / output.rows(),
                output.rows(), output.cols());
        return mean(total, output);
    }

    @Override
    public double valueAndGradient(Matrix output, int[] labels, Matrix dOutput, Kernels kernels) {
        checkGradient(output, labels, dOutput);
        double total = kernels.softmaxCrossEntropy(output.data(), labels, dOutput.data(), 1f / output.rows(),
                output.rows(), output.cols());
        return mean(total, output);
    }

    private static void checkGradient(Matrix output, int[] labels, Matrix dOutput) {
        output.requireSameShape("cross-entropy: dOutput", dOutput);
        Loss.checkLabels("cross-entropy", output, labels);
    }

    private static double mean(double total, Matrix output) {
        return output.rows() == 0 ? 0 : total / output.rows();
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
                sum += PortableMath.exp(z[row + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                p[row + c] = (float) (PortableMath.exp(z[row + c] - max) / sum);
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
