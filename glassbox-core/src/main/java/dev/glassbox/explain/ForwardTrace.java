package dev.glassbox.explain;

import dev.glassbox.train.Inference;
import java.util.List;

/**
 * One example run forward, keeping what every layer produced. Arrays belong to the trace: read
 * them, do not modify them.
 *
 * @param input the example, (inputSize) values as the network reads them
 * @param layerOutputs the output of each layer of {@code Network.layers()}, in order
 * @param columns the same grouped as columns of neurons: each neuron's sum and activation
 * @param probabilities the loss's view of the last layer's output (softmax for cross-entropy)
 */
public record ForwardTrace(float[] input, List<float[]> layerOutputs, List<ColumnValues> columns,
        float[] probabilities) {

    public ForwardTrace {
        layerOutputs = List.copyOf(layerOutputs);
        columns = List.copyOf(columns);
    }

    /** The raw outputs of the last layer (logits). */
    public float[] output() {
        return layerOutputs.get(layerOutputs.size() - 1);
    }

    /** The index of the largest probability: the network's answer (the first on ties). */
    public int predicted() {
        return Inference.argmax(probabilities, 0, probabilities.length);
    }

    /**
     * What one column of neurons computed.
     *
     * @param input the values the column's neurons read (the previous column's activations, or the pixels)
     * @param sums each neuron's weighted sum plus bias, z = W·input + b
     * @param activations each neuron's output after its activation (equal to {@code sums} without one)
     */
    public record ColumnValues(Column column, float[] input, float[] sums, float[] activations) {}
}
