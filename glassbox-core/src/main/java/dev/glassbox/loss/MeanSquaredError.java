package dev.glassbox.loss;

import dev.glassbox.tensor.Matrix;

/**
 * Mean squared error against the target t: {@code loss = mean over all (batch × outputs)
 * elements of (o − t)²}, as PyTorch's {@code MSELoss}; {@code ∂loss/∂o = 2(o − t) / (batch · outputs)}.
 * For classes, t is the one-hot vector of the label; for regression, the numbers to predict.
 *
 * <p>The textbook loss of the classic explanation; for classes pair it with a sigmoid output
 * layer ({@code …-10-sigmoid}), though cross-entropy usually trains faster. For regression it
 * is the loss, with an identity output.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double value(Matrix output, int[] labels) {
        Loss.checkLabels("mse", output, labels);
        float[] o = output.data();
        int classes = output.cols();
        double total = 0;
        for (int r = 0; r < output.rows(); r++) {
            for (int c = 0; c < classes; c++) {
                double diff = o[r * classes + c] - (c == labels[r] ? 1.0 : 0.0);
                total += diff * diff;
            }
        }
        return output.size() == 0 ? 0 : total / output.size();
    }

    @Override
    public double valueAndGradient(Matrix output, int[] labels, Matrix dOutput) {
        output.requireSameShape("mse: dOutput", dOutput);
        double loss = value(output, labels);
        float[] o = output.data();
        float[] d = dOutput.data();
        int classes = output.cols();
        float scale = 2f / output.size();
        for (int r = 0; r < output.rows(); r++) {
            for (int c = 0; c < classes; c++) {
                int i = r * classes + c;
                d[i] = scale * (o[i] - (c == labels[r] ? 1f : 0f));
            }
        }
        return loss;
    }

    @Override
    public boolean comparesNumbers() {
        return true;
    }

    @Override
    public double value(Matrix output, Matrix targets) {
        output.requireSameShape("mse: targets", targets);
        float[] o = output.data();
        float[] t = targets.data();
        double total = 0;
        for (int i = 0; i < o.length; i++) {
            double diff = o[i] - t[i];
            total += diff * diff;
        }
        return output.size() == 0 ? 0 : total / output.size();
    }

    @Override
    public double valueAndGradient(Matrix output, Matrix targets, Matrix dOutput) {
        output.requireSameShape("mse: dOutput", dOutput);
        double loss = value(output, targets);
        float[] o = output.data();
        float[] t = targets.data();
        float[] d = dOutput.data();
        float scale = 2f / output.size();
        for (int i = 0; i < o.length; i++) {
            d[i] = scale * (o[i] - t[i]);
        }
        return loss;
    }

    /** Outputs clamped to [0, 1] and normalised to sum 1 (uniform when all are 0): scores, not calibrated probabilities. */
    @Override
    public void probabilities(Matrix output, Matrix probabilities) {
        output.requireSameShape("mse: probabilities", probabilities);
        float[] o = output.data();
        float[] p = probabilities.data();
        int classes = output.cols();
        for (int r = 0; r < output.rows(); r++) {
            int row = r * classes;
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[row + c] = Math.min(1f, Math.max(0f, o[row + c]));
                sum += p[row + c];
            }
            for (int c = 0; c < classes; c++) {
                p[row + c] = sum > 0 ? (float) (p[row + c] / sum) : 1f / classes;
            }
        }
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}
