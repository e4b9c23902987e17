package dev.glassbox.explain;

import dev.glassbox.nn.Layer;
import java.util.List;

/**
 * One example's training step laid out in full: the forward pass, the loss, the gradient flowing
 * back through every layer, every parameter's gradient, the change one optimizer step makes, and
 * the forward pass again with the changed weights. Arrays belong to the trace: read them, do not
 * modify them.
 *
 * <p>Signs: a gradient says how the loss grows, so the desired change of a value is the opposite
 * of its gradient. {@code update} is what the optimizer actually added (new value − old value).
 *
 * @param before the forward pass with the original weights
 * @param label the desired class
 * @param loss the loss of {@code before} for {@code label}
 * @param layers for each layer of {@code Network.layers()}: ∂loss/∂output and ∂loss/∂input
 * @param parameters every trainable tensor: value, gradient and update
 * @param columns the same grouped as columns of neurons, first hidden layer first
 * @param optimizer the update rule applied, e.g. {@code sgd[weightDecay=0.0]}
 * @param learningRate the rate given to it
 * @param after the forward pass with the updated weights
 * @param lossAfter the loss of {@code after} for {@code label}
 */
public record BackpropTrace(
        ForwardTrace before,
        int label,
        double loss,
        List<LayerStep> layers,
        List<ParameterStep> parameters,
        List<ColumnStep> columns,
        String optimizer,
        float learningRate,
        ForwardTrace after,
        double lossAfter) {

    public BackpropTrace {
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }

    /** ∂loss/∂(raw outputs): where backpropagation starts. */
    public float[] dOutput() {
        return layers.get(layers.size() - 1).dOutput();
    }

    /** The column holding the outputs. */
    public ColumnStep outputColumn() {
        return columns.get(columns.size() - 1);
    }

    /**
     * What flowed back through one layer.
     *
     * @param dOutput ∂loss/∂(this layer's output), (outputSize)
     * @param dInput ∂loss/∂(this layer's input), (inputSize); for the first layer, ∂loss/∂pixel
     */
    public record LayerStep(Layer layer, float[] dOutput, float[] dInput) {}

    /**
     * One trainable tensor through the step, each array (rows × cols) row-major.
     *
     * @param name e.g. {@code layers.0.weight}
     * @param value before the update
     * @param gradient ∂loss/∂value for this one example
     * @param update the change the optimizer made: new value − value
     */
    public record ParameterStep(String name, int rows, int cols, float[] value, float[] gradient, float[] update) {

        /** Element (row, col) of a row-major (rows, cols) array of this parameter. */
        public float at(float[] values, int row, int col) {
            if (row < 0 || row >= rows || col < 0 || col >= cols) {
                throw new IndexOutOfBoundsException(name + ": (" + row + ", " + col + ") outside (" + rows + ", "
                        + cols + ")");
            }
            return values[row * cols + col];
        }
    }

    /**
     * One column of neurons through the step.
     *
     * @param dSums ∂loss/∂z for each neuron's sum z
     * @param dActivations ∂loss/∂a for each neuron's output a (equal to {@code dSums} without an activation)
     * @param weight the column's incoming weights (neurons, inputs): row o feeds neuron o
     * @param bias the column's biases (1, neurons)
     */
    public record ColumnStep(Column column, float[] dSums, float[] dActivations, ParameterStep weight,
            ParameterStep bias) {}
}
