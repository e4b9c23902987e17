package dev.glassbox.lab.core;

import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the network view draws: the columns, their strongest connections, and one example's activity. */
final class NetworkJson {
    /** About how many connections the view draws into one column; each neuron gets its strongest share. */
    static final int CONNECTIONS_PER_COLUMN = 1200;

    private NetworkJson() {}

    /**
     * The columns ({@code name}: {@code hidden 1}, …, {@code output}; {@code size}; {@code activation})
     * and, per column, the strongest incoming connections of every neuron: {@code weight[k]} joins
     * input {@code from[k]} (a pixel or a neuron of the previous column) to neuron {@code to[k]};
     * {@code maxAbs} is the largest |w| in the whole column, for scaling line opacity.
     *
     * @param testImages how many test images there are to pick from
     * @param kernels the name of the kernels the host computes with
     */
    static Map<String, Object> view(Snapshot snapshot, int testImages, String kernels) {
        Network network = snapshot.network();
        List<Column> columns = snapshot.explainer().columns();
        List<Object> infos = new ArrayList<>();
        List<Object> connections = new ArrayList<>();
        for (Column c : columns) {
            boolean output = c.number() == columns.size() - 1;
            infos.add(JsonObject.of("name", output ? "output" : "hidden " + (c.number() + 1), "size", c.size(),
                    "activation", c.activation() == null ? null : c.activation().specName()));
            connections.add(strongest(c));
        }
        return JsonObject.of("version", snapshot.version(), "spec", network.spec().toString(), "source",
                snapshot.source(), "loss", snapshot.explainer().loss().name(), "kernels", kernels, "parameters",
                network.parameterCount(), "imageSide", Images.SIDE, "testImages", testImages, "columns", infos,
                "connections", connections);
    }

    /** Each neuron's largest-|w| incoming weights, about {@value #CONNECTIONS_PER_COLUMN} in all. */
    private static Map<String, Object> strongest(Column column) {
        float[] w = column.dense().weight().value().data();
        int in = column.dense().inputSize();
        int out = column.size();
        int perNeuron = Math.max(1, Math.min(in, CONNECTIONS_PER_COLUMN / out));
        int[] from = new int[out * perNeuron];
        int[] to = new int[out * perNeuron];
        float[] weight = new float[out * perNeuron];
        float maxAbs = 0;
        Integer[] order = new Integer[in];
        for (int o = 0; o < out; o++) {
            int row = o * in;
            for (int i = 0; i < in; i++) {
                order[i] = i;
                maxAbs = Math.max(maxAbs, Math.abs(w[row + i]));
            }
            Arrays.sort(order, (a, b) -> Float.compare(Math.abs(w[row + b]), Math.abs(w[row + a])));
            for (int k = 0; k < perNeuron; k++) {
                int at = o * perNeuron + k;
                from[at] = order[k];
                to[at] = o;
                weight[at] = w[row + order[k]];
            }
        }
        return JsonObject.of("column", column.number(), "from", from, "to", to, "weight", weight, "maxAbs", maxAbs);
    }

    /**
     * One example through the network: the 784 inputs (0..1) it read, each column's sums z and
     * activations a, the output probabilities and the digit predicted.
     */
    static Map<String, Object> activity(Snapshot snapshot, ForwardTrace trace) {
        List<Object> columns = new ArrayList<>();
        for (ForwardTrace.ColumnValues values : trace.columns()) {
            columns.add(JsonObject.of("sums", values.sums(), "activations", values.activations()));
        }
        return JsonObject.of("version", snapshot.version(), "pixels", trace.input(), "columns", columns,
                "probabilities", trace.probabilities(), "predicted", trace.predicted());
    }

    /** Test image {@code index}. */
    static Map<String, Object> testDigit(int index, int label, float[] pixels) {
        return JsonObject.of("index", index, "label", label, "pixels", pixels);
    }
}
