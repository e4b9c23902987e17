package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;
import java.util.List;

/** Applies an {@link Activation} to every value; keeps its input and output for backward. */
public final class ActivationLayer implements Layer {
    private final Activation activation;
    private final int width;
    private Matrix input;
    private Matrix output;
    private final BatchBuffer outputBuffer = new BatchBuffer();
    private Matrix dInput;
    private final BatchBuffer dInputBuffer = new BatchBuffer();

    public ActivationLayer(Activation activation, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("ActivationLayer: width must be at least 1, got " + width);
        }
        this.activation = activation;
        this.width = width;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public Matrix forward(Matrix input, Pass pass) {
        Shapes.requireColumns(this, "forward: input", input, width);
        this.input = input;
        output = outputBuffer.get(input.rows(), width);
        activation.forward(pass.kernels(), input.data(), output.data(), input.size());
        return output;
    }

    /**
     * Takes {@code activated} — computed by the dense layer before this one, which applied this
     * ReLU in its own output pass — as both input and output: for ReLU, {@code x > 0} exactly
     * where {@code relu(x) > 0}, so backward needs nothing else.
     */
    Matrix acceptFused(Matrix activated) {
        if (activation != Activation.RELU) {
            throw new IllegalStateException(this + ": only ReLU is fused into the layer before");
        }
        Shapes.requireColumns(this, "forward: input", activated, width);
        input = activated;
        output = activated;
        return activated;
    }

    @Override
    public Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient) {
        Shapes.requireForwardShape(this, dOutput, output);
        if (inputGradient == InputGradient.SKIP) {
            return null;
        }
        dInput = dInputBuffer.get(dOutput.rows(), width);
        activation.backward(pass.kernels(), input.data(), output.data(), dOutput.data(), dInput.data(), dOutput.size());
        return dInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return activation.specName() + "(" + width + ")";
    }
}
