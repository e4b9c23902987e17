package dev.glassbox.explain;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.ActivationLayer;
import dev.glassbox.nn.Dense;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * A column of neurons as the classic picture draws it: a dense layer whose neurons each sum their
 * weighted inputs, then apply the activation that follows it (if any). The input pixels are not a
 * column here; the output layer is the last column, usually without an activation (the loss
 * applies softmax).
 *
 * @param number 0 for the first hidden layer, counting up to the output layer
 * @param dense the layer computing the sums; its weight row o holds neuron o's incoming weights
 * @param activation applied to the sums, or null when the neurons output their sums
 * @param firstLayer index in {@link Network#layers()} of {@code dense}
 * @param lastLayer index of the last layer belonging to this column (the activation, or a dropout
 *     after it, which passes values through unchanged at inference)
 */
public record Column(int number, Dense dense, Activation activation, int firstLayer, int lastLayer) {

    public Column {
        if (dense == null || firstLayer < 0 || lastLayer < firstLayer) {
            throw new IllegalArgumentException("Column: a dense layer and layers " + firstLayer + ".." + lastLayer
                    + " in order are required");
        }
    }

    /** Neurons in this column. */
    public int size() {
        return dense.outputSize();
    }

    /** The columns of {@code network}, first hidden layer first. */
    public static List<Column> of(Network network) {
        List<Layer> layers = network.layers();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Dense dense)) {
                continue;
            }
            Activation activation = null;
            int last = i;
            while (last + 1 < layers.size() && !(layers.get(last + 1) instanceof Dense)) {
                last++;
                if (layers.get(last) instanceof ActivationLayer a && activation == null) {
                    activation = a.activation();
                }
            }
            columns.add(new Column(columns.size(), dense, activation, i, last));
        }
        return columns;
    }
}
