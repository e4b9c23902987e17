package dev.glassbox.train;

import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.Constraints;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.tensor.Matrix;
import java.util.List;

/**
 * One batch of backpropagation: forward, loss, backward from the output layer to the first, then
 * the weight update. A class of its own so the JIT compiles this hot path early and on its own;
 * it allocates nothing.
 */
final class GradientStep {
    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Pass pass;
    private final TrainingConfig config;
    private final List<Parameter> parameters;
    /** Correct predictions in the last batch, before the update. */
    int correct;

    GradientStep(Network network, Loss loss, Optimizer optimizer, Pass pass, TrainingConfig config) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.pass = pass;
        this.config = config;
        this.parameters = network.parameters();
    }

    /**
     * Trains on one batch; returns its loss. When the loss is not finite the weights are left
     * as they were.
     *
     * @param x (batch, inputs), not modified
     * @param labels the class of each row
     * @param dOutput (batch, outputs): scratch for ∂loss/∂output, overwritten
     */
    double run(Matrix x, int[] labels, Matrix dOutput, float rate) {
        Matrix output = network.forward(x, pass);
        double batchLoss = loss.valueAndGradient(output, labels, dOutput, pass.kernels());
        if (!Double.isFinite(batchLoss)) {
            return batchLoss;
        }
        correct = countCorrect(output, labels);
        return update(dOutput, rate, batchLoss);
    }

    /**
     * Trains on one batch of a regression; returns its loss. When the loss is not finite the
     * weights are left as they were.
     *
     * @param x (batch, inputs), not modified
     * @param targets (batch, outputs): the numbers to predict, not modified
     * @param dOutput (batch, outputs): scratch for ∂loss/∂output, overwritten
     */
    double run(Matrix x, Matrix targets, Matrix dOutput, float rate) {
        Matrix output = network.forward(x, pass);
        double batchLoss = loss.valueAndGradient(output, targets, dOutput);
        if (!Double.isFinite(batchLoss)) {
            return batchLoss;
        }
        correct = 0;
        return update(dOutput, rate, batchLoss);
    }

    private double update(Matrix dOutput, float rate, double batchLoss) {
        network.backwardIntoClearedGradients(dOutput, pass);
        if (config.clipNorm() > 0) {
            Constraints.clipGradientNorm(parameters, config.clipNorm());
        }
        optimizer.step(parameters, rate, pass.kernels());
        if (config.maxNorm() > 0) {
            Constraints.applyMaxNorm(parameters, config.maxNorm());
        }
        return batchLoss;
    }

    private static int countCorrect(Matrix output, int[] labels) {
        int correct = 0;
        for (int r = 0; r < output.rows(); r++) {
            if (Inference.argmax(output, r) == labels[r]) {
                correct++;
            }
        }
        return correct;
    }
}
