package dev.glassbox.loss;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import java.util.Locale;

/**
 * Measures how far a batch of network outputs is from the desired outputs, and in which direction
 * each output should move: the starting point of backpropagation.
 *
 * <p>Outputs are the raw values of the last layer, shape (batch, classes); the desired output
 * for a sample labelled c is the one-hot vector with a 1 at c. Losses are means over the batch,
 * so the learning rate does not depend on the batch size.
 */
public interface Loss {

    /** The name used by the CLI and in model files, e.g. {@code cross-entropy}. */
    String name();

    /**
     * The mean loss of the batch.
     *
     * @param output (batch, classes), not modified
     * @param labels the class of each row (may be longer than the batch)
     */
    double value(Matrix output, int[] labels);

    /**
     * The mean loss, and its gradient with respect to every output.
     *
     * @param output (batch, classes), not modified
     * @param labels the class of each row (may be longer than the batch)
     * @param dOutput (batch, classes), overwritten with ∂loss/∂output
     */
    double valueAndGradient(Matrix output, int[] labels, Matrix dOutput);

    /** As {@link #value(Matrix, int[])}, computed by {@code kernels} (vectorised where they are). */
    default double value(Matrix output, int[] labels, Kernels kernels) {
        return value(output, labels);
    }

    /**
     * As {@link #valueAndGradient(Matrix, int[], Matrix)}, computed by {@code kernels}
     * (vectorised where they are); the training loop's form.
     */
    default double valueAndGradient(Matrix output, int[] labels, Matrix dOutput, Kernels kernels) {
        return valueAndGradient(output, labels, dOutput);
    }

    /** Whether this loss also compares outputs with numbers to predict (regression), not only with classes. */
    default boolean comparesNumbers() {
        return false;
    }

    /**
     * The mean loss against numbers to predict (regression) rather than classes.
     *
     * @param output (batch, outputs), not modified
     * @param targets (batch, outputs), not modified
     * @throws UnsupportedOperationException for a loss of classes only
     */
    default double value(Matrix output, Matrix targets) {
        throw new UnsupportedOperationException(name() + " compares outputs with classes; a regression needs mse");
    }

    /**
     * The mean loss against numbers to predict, and its gradient with respect to every output.
     *
     * @param output (batch, outputs), not modified
     * @param targets (batch, outputs), not modified
     * @param dOutput (batch, outputs), overwritten with ∂loss/∂output
     * @throws UnsupportedOperationException for a loss of classes only
     */
    default double valueAndGradient(Matrix output, Matrix targets, Matrix dOutput) {
        throw new UnsupportedOperationException(name() + " compares outputs with classes; a regression needs mse");
    }

    /**
     * Turns raw outputs into class probabilities for display and prediction.
     *
     * @param output (batch, classes), not modified
     * @param probabilities (batch, classes), overwritten; each row sums to 1
     */
    void probabilities(Matrix output, Matrix probabilities);

    /** The loss named {@code cross-entropy} (alias {@code ce}) or {@code mse}. */
    static Loss byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cross-entropy", "crossentropy", "ce", "softmax-cross-entropy" -> new SoftmaxCrossEntropy();
            case "mse", "mean-squared-error" -> new MeanSquaredError();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'. Known: cross-entropy, mse");
        };
    }

    /** Throws unless the labels cover the batch and lie in 0..classes−1. */
    static void checkLabels(String where, Matrix output, int[] labels) {
        if (labels.length < output.rows()) {
            throw new IllegalArgumentException(where + ": " + output.rows() + " outputs but only " + labels.length + " labels");
        }
        for (int r = 0; r < output.rows(); r++) {
            if (labels[r] < 0 || labels[r] >= output.cols()) {
                throw new IllegalArgumentException(where + ": label " + labels[r] + " of row " + r + " is outside 0.."
                        + (output.cols() - 1) + ". Does the last layer have one neuron per class?");
            }
        }
    }
}
