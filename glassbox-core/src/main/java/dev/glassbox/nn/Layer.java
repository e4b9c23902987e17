package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;
import java.util.List;

/**
 * One step of a feed-forward network, with its forward pass and the backward pass beside it.
 *
 * <p>Contract: {@code forward} must be called before {@code backward}, with the same batch; the
 * layer keeps what backward needs (its input or output). Both return matrices owned by the layer
 * and valid until its next call: copy them to keep them. {@code backward} adds the gradients of
 * its parameters into {@link Parameter#gradient()} and returns the gradient with respect to its
 * input (or {@code null} when asked not to compute it).
 */
public interface Layer {

    /** Number of values each sample has on the way in. */
    int inputSize();

    /** Number of values each sample has on the way out. */
    int outputSize();

    /**
     * @param input (batch, inputSize), not modified
     * @return (batch, outputSize), owned by this layer
     */
    Matrix forward(Matrix input, Pass pass);

    /**
     * @param dOutput (batch, outputSize): ∂loss/∂output, not modified
     * @return (batch, inputSize): ∂loss/∂input, owned by this layer; {@code null} when
     *     {@code inputGradient} is {@link InputGradient#SKIP}
     */
    Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient);

    /** The trainable parameters, in a fixed order; empty for parameter-free layers. */
    List<Parameter> parameters();

    /** Whether {@link #backward} must produce ∂loss/∂input; the first layer's is never used. */
    enum InputGradient {
        COMPUTE,
        SKIP
    }
}
