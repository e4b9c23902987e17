package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;

/** Runs a network over a whole dataset in inference mode and counts what it gets right. */
public final class Evaluator {
    static final int BATCH = 500;

    private Evaluator() {}

    /** Evaluates {@code network} on {@code dataset} in inference mode with the caller's {@code kernels}. */
    public static Evaluation evaluate(Network network, Loss loss, Dataset dataset, Kernels kernels) {
        if (dataset.features() != network.inputSize()) {
            throw new IllegalArgumentException("evaluate: " + dataset.name() + " has " + dataset.features()
                    + " pixels per image, the network expects " + network.inputSize());
        }
        if (dataset.classes() > network.outputSize()) {
            throw new IllegalArgumentException("evaluate: " + dataset.name() + " has " + dataset.classes()
                    + " classes, the network has " + network.outputSize() + " outputs");
        }
        int classes = network.outputSize();
        long[][] counts = new long[classes][classes];
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int[] labels = new int[BATCH];
        Pass pass = Pass.inference(kernels);
        double lossSum = 0;
        Matrix x = null;
        for (int from = 0; from < dataset.size(); from += BATCH) {
            int to = Math.min(dataset.size(), from + BATCH);
            if (x == null || x.rows() != to - from) {
                x = Matrix.zeros(to - from, dataset.features());
            }
            dataset.fillBatch(order, from, to, x, labels);
            Matrix out = network.forward(x, pass);
            lossSum += loss.value(out, labels, kernels) * (to - from);
            for (int r = 0; r < out.rows(); r++) {
                counts[labels[r]][argmax(out, r)]++;
            }
        }
        double meanLoss = dataset.size() == 0 ? 0 : lossSum / dataset.size();
        return new Evaluation(dataset.name(), meanLoss, new ConfusionMatrix(counts));
    }

    /** Index of the largest value in row {@code r}; the first one on ties. */
    static int argmax(Matrix m, int r) {
        float[] d = m.data();
        int base = r * m.cols();
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (d[base + c] > d[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
