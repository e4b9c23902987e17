package dev.glassbox.lab.core;

import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One neuron opened up: all its incoming weights, and its sum-then-activation for one example. */
final class NeuronJson {
    /** Terms of the sum shown one by one; the rest are added up in one number. */
    static final int TERMS_SHOWN = 8;

    private NeuronJson() {}

    /**
     * All incoming weights of one neuron (784 for the first column) and its arithmetic for one
     * example: the largest-|product| terms of its sum ({@code weight × input = product}), the sum
     * of the other products ({@code rest}), the sum z = Σ weight × input + bias as the engine
     * computed it, and the neuron's output after its activation.
     */
    static Map<String, Object> detail(Snapshot snapshot, ForwardTrace trace, int columnNumber, int neuron) {
        List<ForwardTrace.ColumnValues> columns = trace.columns();
        if (columnNumber < 0 || columnNumber >= columns.size()) {
            throw new IllegalArgumentException("column: expected 0.." + (columns.size() - 1) + ", got " + columnNumber);
        }
        ForwardTrace.ColumnValues values = columns.get(columnNumber);
        Column column = values.column();
        if (neuron < 0 || neuron >= column.size()) {
            throw new IllegalArgumentException("neuron: expected 0.." + (column.size() - 1) + ", got " + neuron);
        }
        int in = column.dense().inputSize();
        float[] weights = Arrays.copyOfRange(column.dense().weight().value().data(), neuron * in, neuron * in + in);
        float bias = column.dense().bias().value().get(0, neuron);
        float[] input = values.input();
        Integer[] order = new Integer[in];
        float[] products = new float[in];
        for (int i = 0; i < in; i++) {
            order[i] = i;
            products[i] = weights[i] * input[i];
        }
        Arrays.sort(order, (a, b) -> Float.compare(Math.abs(products[b]), Math.abs(products[a])));
        List<Object> terms = new ArrayList<>();
        double rest = 0;
        for (int k = 0; k < in; k++) {
            int i = order[k];
            if (k < TERMS_SHOWN) {
                terms.add(JsonObject.of("input", i, "weight", weights[i], "value", input[i], "product", products[i]));
            } else {
                rest += products[i];
            }
        }
        return JsonObject.of("version", snapshot.version(), "column", columnNumber, "neuron", neuron, "activation",
                column.activation() == null ? null : column.activation().specName(), "fromPixels", columnNumber == 0,
                "weights", weights, "bias", bias, "terms", terms, "termCount", in, "rest", rest, "sum",
                values.sums()[neuron], "output", values.activations()[neuron]);
    }
}
