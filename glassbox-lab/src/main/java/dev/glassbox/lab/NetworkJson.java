package dev.glassbox.lab;

import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the network view draws: the columns, their strongest connections, and one example's activity. */
final class NetworkJson {
    /** About how many connections the view draws into one column; each neuron gets its strongest share. */
    static final int CONNECTIONS_PER_COLUMN = 1200;

    private NetworkJson() {}

    /** One column of neurons: {@code hidden 1}, …, {@code output}. */
    record ColumnInfo(String name, int size, String activation) {}

    /**
     * The strongest incoming connections of every neuron in one column: {@code weight[k]} joins
     * input {@code from[k]} (a pixel or a neuron of the previous column) to neuron {@code to[k]}.
     *
     * @param maxAbs the largest |w| in the whole column, for scaling line opacity
     */
    record Connections(int column, int[] from, int[] to, float[] weight, float maxAbs) {}

    /** @param testImages how many test images there are to pick from */
    record View(long version, String spec, String source, String loss, String kernels, long parameters,
            int imageSide, int testImages, List<ColumnInfo> columns, List<Connections> connections) {}

    /** A column's sums z and activations a for one example. */
    record ColumnActivity(float[] sums, float[] activations) {}

    /**
     * One example through the network.
     *
     * @param pixels the 784 inputs (0..1) the network read
     * @param probabilities the 10 output probabilities
     */
    record Activity(long version, float[] pixels, List<ColumnActivity> columns, float[] probabilities, int predicted) {}

    /** A test image. */
    record TestDigit(int index, int label, float[] pixels) {}

    static View view(Snapshot snapshot, int testImages) {
        Network network = snapshot.network();
        List<Column> columns = snapshot.explainer().columns();
        List<ColumnInfo> infos = new ArrayList<>();
        List<Connections> connections = new ArrayList<>();
        for (Column c : columns) {
            boolean output = c.number() == columns.size() - 1;
            infos.add(new ColumnInfo(output ? "output" : "hidden " + (c.number() + 1), c.size(),
                    c.activation() == null ? null : c.activation().specName()));
            connections.add(strongest(c));
        }
        return new View(snapshot.version(), network.spec().toString(), snapshot.source(),
                snapshot.explainer().loss().name(), KernelChoice.implementationName(), network.parameterCount(),
                Images.SIDE, testImages, infos, connections);
    }

    /** Each neuron's largest-|w| incoming weights, about {@value #CONNECTIONS_PER_COLUMN} in all. */
    private static Connections strongest(Column column) {
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
        return new Connections(column.number(), from, to, weight, maxAbs);
    }

    static Activity activity(Snapshot snapshot, ForwardTrace trace) {
        List<ColumnActivity> columns = new ArrayList<>();
        for (ForwardTrace.ColumnValues values : trace.columns()) {
            columns.add(new ColumnActivity(values.sums(), values.activations()));
        }
        return new Activity(snapshot.version(), trace.input(), columns, trace.probabilities(), trace.predicted());
    }
}
