package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;

/**
 * A whole dataset through a network in inference mode, batch by batch, in order — what
 * evaluating a model and listing its predictions both do — and the answer a row of outputs gives.
 */
public final class Inference {
    /** Samples per forward pass: large enough for efficient products, small enough for little memory. */
    public static final int BATCH = 500;

    private Inference() {}

    /** What receives each batch's outputs. */
    @FunctionalInterface
    public interface Outputs {
        /**
         * @param from the index of the batch's first sample in the dataset
         * @param out (batch, outputs): the network's raw outputs, valid until the next batch
         * @param labels the batch's labels in its first {@code out.rows()} entries
         */
        void accept(int from, Matrix out, int[] labels);
    }

    /** Runs every sample of {@code data} forward with {@code pass}, in batches of {@value #BATCH}, in order. */
    public static void forEachBatch(Network network, Dataset data, Pass pass, Outputs outputs) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int[] labels = new int[BATCH];
        Matrix x = null;
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            if (x == null || x.rows() != to - from) {
                x = Matrix.zeros(to - from, data.features());
            }
            data.fillBatch(order, from, to, x, labels);
            outputs.accept(from, network.forward(x, pass), labels);
        }
    }

    /** Index of the largest value in row {@code r} of {@code m}: the network's answer, the first one on ties. */
    public static int argmax(Matrix m, int r) {
        return argmax(m.data(), r * m.cols(), m.cols());
    }

    /** Index (from 0) of the largest of {@code values[from..from+count)}, the first one on ties. */
    public static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }
}
