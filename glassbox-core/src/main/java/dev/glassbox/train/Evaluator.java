package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;

/**
 * Runs a network over a whole dataset in inference mode and counts what it gets right: the
 * confusion of classes, or the errors of a regression's numbers.
 */
public final class Evaluator {

    private Evaluator() {}

    /** Evaluates {@code network} on {@code dataset} in inference mode with the caller's {@code kernels}. */
    public static Evaluation evaluate(Network network, Loss loss, Dataset dataset, Kernels kernels) {
        if (dataset.features() != network.inputSize()) {
            throw new IllegalArgumentException("evaluate: " + dataset.name() + " has " + dataset.features()
                    + " inputs per sample, the network expects " + network.inputSize());
        }
        if (dataset.isRegression()) {
            return regression(network, loss, dataset, kernels);
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

    private static Evaluation regression(Network network, Loss loss, Dataset dataset, Kernels kernels) {
        if (network.outputSize() != 1) {
            throw new IllegalArgumentException("evaluate: " + dataset.name() + " has one number to predict, the"
                    + " network has " + network.outputSize() + " outputs");
        }
        double[] lossSum = {0};
        RegressionError[] errors = {RegressionError.NONE};
        Inference.forEachBatch(network, dataset, Pass.inference(kernels), (from, out, labels) -> {
            Matrix targets = Matrix.zeros(out.rows(), 1);
            for (int r = 0; r < out.rows(); r++) {
                targets.data()[r] = dataset.target(from + r);
                errors[0] = errors[0].plus(out.data()[r], targets.data()[r]);
            }
            lossSum[0] += loss.value(out, targets) * out.rows();
        });
        double meanLoss = dataset.size() == 0 ? 0 : lossSum[0] / dataset.size();
        return Evaluation.ofRegression(dataset.name(), meanLoss, errors[0]);
    }
}
