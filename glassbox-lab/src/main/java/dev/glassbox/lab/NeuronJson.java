package dev.glassbox.lab;

import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One neuron opened up: all its incoming weights, and its sum-then-activation for one example. */
final class NeuronJson {
    /** Terms of the sum shown one by one; the rest are added up in one number. */
    static final int TERMS_SHOWN = 8;

    private NeuronJson() {}

    /** {@code weight × input = product}, one term of the neuron's sum. */
    record Term(int input, float weight, float value, float product) {}

    /**
     * @param weights all incoming weights, one per input (784 pixels for the first column)
     * @param terms the largest-|product| terms of the sum
     * @param rest the sum of the other products
     * @param sum z = Σ weight × input + bias, as the engine computed it
     * @param output the neuron's output after its activation
     */
    record Detail(long version, int column, int neuron, String activation, boolean fromPixels, float[] weights,
            float bias, List<Term> terms, int termCount, double rest, float sum, float output) {}

    static Detail detail(Snapshot snapshot, ForwardTrace trace, int columnNumber, int neuron) {
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
        List<Term> terms = new ArrayList<>();
        double rest = 0;
        for (int k = 0; k < in; k++) {
            int i = order[k];
            if (k < TERMS_SHOWN) {
                terms.add(new Term(i, weights[i], input[i], products[i]));
            } else {
                rest += products[i];
            }
        }
        return new Detail(snapshot.version(), columnNumber, neuron,
                column.activation() == null ? null : column.activation().specName(), columnNumber == 0, weights, bias,
                terms, in, rest, values.sums()[neuron], values.activations()[neuron]);
    }
}
