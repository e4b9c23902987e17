package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;

/**
 * A trainable tensor and the gradient of the loss with respect to it.
 *
 * <p>Gradients accumulate: every {@code backward} adds into {@link #gradient()}, and the trainer
 * clears them with {@link #zeroGradient()} before the next batch.
 *
 * @param name unique within a network, e.g. {@code "layers.0.weight"}; the model file's tensor name
 * @param value the values, modified by optimizers
 * @param gradient same shape as value
 * @param kind weights take part in weight decay and max-norm; biases do not
 */
public record Parameter(String name, Matrix value, Matrix gradient, Kind kind) {

    /** What a parameter is for. */
    public enum Kind {
        WEIGHT,
        BIAS
    }

    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Parameter: name must not be blank");
        }
        value.requireSameShape("Parameter " + name + ": gradient", gradient);
    }

    /** A parameter of zeros with a zero gradient. */
    public static Parameter zeros(String name, int rows, int cols, Kind kind) {
        return new Parameter(name, Matrix.zeros(rows, cols), Matrix.zeros(rows, cols), kind);
    }

    /** Clears the accumulated gradient (modifies it). */
    public void zeroGradient() {
        gradient.fillZero();
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
