package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;

/** Runs a network over a whole dataset in inference mode and counts what it gets right. */
public final class Evaluator {

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
        double[] lossSum = {0};
        Inference.forEachBatch(network, dataset, Pass.inference(kernels), (from, out, labels) -> {
            lossSum[0] += loss.value(out, labels, kernels) * out.rows();
            for (int r = 0; r < out.rows(); r++) {
                counts[labels[r]][Inference.argmax(out, r)]++;
            }
        });
        double meanLoss = dataset.size() == 0 ? 0 : lossSum[0] / dataset.size();
        return new Evaluation(dataset.name(), meanLoss, new ConfusionMatrix(counts));
    }
}
