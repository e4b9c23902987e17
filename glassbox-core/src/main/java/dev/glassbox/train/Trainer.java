package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.internal.kernels.KernelChoice;
import dev.glassbox.internal.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.Constraints;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Minibatch backpropagation: each epoch shuffles the training set, and for every batch runs
 * the network forward, measures the loss, propagates its gradient backward from the output layer
 * to the first, and lets the optimizer change the weights a little.
 *
 * <p>After each epoch the network is evaluated on the validation and test sets. With a
 * validation set, the weights of the epoch with the best validation accuracy are kept, and
 * {@code patience} epochs without improvement stop the run early.
 *
 * <p>Deterministic: the same config (seed, threads), network and data give bit-identical
 * weights. Randomness comes from one {@link SplittableRandom} seeded by the config.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Adds a listener; returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Asks a running {@link #fit} to stop after the current batch; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains {@code network} in place.
     *
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult fit(Network network, TrainingData data) {
        Dataset train = data.train();
        if (train.features() != network.inputSize()) {
            throw new IllegalArgumentException("Trainer.fit: " + train.name() + " has " + train.features()
                    + " pixels per image, but the network " + network.spec() + " expects " + network.inputSize()
                    + ". Change the first number of the layer spec.");
        }
        if (train.classes() > network.outputSize()) {
            throw new IllegalArgumentException("Trainer.fit: " + train.name() + " has " + train.classes()
                    + " classes, but the network " + network.spec() + " has only " + network.outputSize()
                    + " outputs. Change the last number of the layer spec.");
        }
        stopRequested = false;
        long startNanos = System.nanoTime();
        try (Kernels kernels = KernelChoice.create(config.threads())) {
            return run(network, data, kernels, startNanos);
        }
    }

    private TrainingResult run(Network network, TrainingData data, Kernels kernels, long startNanos) {
        Dataset train = data.train();
        Loss loss = config.loss();
        Optimizer optimizer = config.optimizer().create();
        SplittableRandom random = new SplittableRandom(config.seed());
        SplittableRandom shuffleRandom = random.split();
        Pass pass = Pass.training(kernels, random.split());

        int n = train.size();
        int batchSize = Math.min(config.batchSize(), n);
        int batchesPerEpoch = (n + batchSize - 1) / batchSize;
        long totalSteps = (long) batchesPerEpoch * config.epochs();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] labels = new int[batchSize];
        Matrix fullBatch = Matrix.zeros(batchSize, train.features());
        Matrix lastBatch = n % batchSize == 0 ? fullBatch : Matrix.zeros(n % batchSize, train.features());
        Matrix fullGradient = Matrix.zeros(batchSize, network.outputSize());
        Matrix lastGradient = n % batchSize == 0 ? fullGradient : Matrix.zeros(n % batchSize, network.outputSize());

        GradientStep gradientStep = new GradientStep(network, loss, optimizer, pass, config);
        fire(l -> l.started(new TrainingEvents.Started(network.spec().toString(), network.parameterCount(), config,
                n, batchesPerEpoch, kernels.name())));

        List<TrainingEvents.Epoch> history = new ArrayList<>();
        Network best = null;
        Evaluation bestValidation = null;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        long step = 0;
        for (int epoch = 1; epoch <= config.epochs() && !stopRequested; epoch++) {
            shuffle(order, shuffleRandom);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            float rate = config.learningRate();
            for (int b = 0; b < batchesPerEpoch && !stopRequested; b++, step++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                Matrix x = to - from == batchSize ? fullBatch : lastBatch;
                Matrix dOutput = to - from == batchSize ? fullGradient : lastGradient;
                train.fillBatch(order, from, to, x, labels);

                rate = config.schedule().rate(config.learningRate(), step, totalSteps, batchesPerEpoch);
                double batchLoss = gradientStep.run(x, labels, dOutput, rate);
                if (!Double.isFinite(batchLoss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batchLoss, rate);
                }
                int batchCorrect = gradientStep.correct;

                lossSum += batchLoss * (to - from);
                correct += batchCorrect;
                seen += to - from;
                double elapsed = (System.nanoTime() - epochStart) / 1e9;
                TrainingEvents.Batch event = new TrainingEvents.Batch(epoch, b + 1, batchesPerEpoch, batchLoss,
                        (double) batchCorrect / (to - from), rate, seen, elapsed > 0 ? seen / elapsed : 0);
                for (TrainingListener listener : listeners) {
                    listener.batch(event);
                }
            }
            if (seen == 0) {
                break;
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            Evaluation validation = data.validation() == null ? null
                    : Evaluator.evaluate(network, loss, data.validation(), kernels);
            Evaluation test = data.test() == null ? null : Evaluator.evaluate(network, loss, data.test(), kernels);
            boolean improved = validation == null || isBetter(validation, bestValidation);
            if (improved) {
                bestEpoch = epoch;
                sinceBest = 0;
                if (validation != null) {
                    bestValidation = validation;
                    best = snapshot(network, best);
                }
            } else {
                sinceBest++;
            }
            TrainingEvents.Epoch event = new TrainingEvents.Epoch(epoch, config.epochs(), lossSum / seen,
                    (double) correct / seen, validation, test, seconds, seen / seconds, rate, improved);
            history.add(event);
            fire(l -> l.epoch(event));
            if (config.patience() > 0 && sinceBest >= config.patience() && epoch < config.epochs()) {
                stoppedEarly = true;
                break;
            }
        }
        if (history.isEmpty()) {
            throw new IllegalStateException("Trainer.fit: stopped before the first epoch finished");
        }
        if (best != null && bestEpoch != history.size()) {
            network.copyParametersFrom(best);
        }
        TrainingEvents.Finished finished = new TrainingEvents.Finished(history.size(), bestEpoch, stoppedEarly,
                (System.nanoTime() - startNanos) / 1e9);
        fire(l -> l.finished(finished));
        return new TrainingResult(history, finished);
    }

    /**
     * One batch: forward, loss, backward from the output layer to the first, then the weight
     * update. A method of its own, so the JIT compiles this hot path early and on its own.
     */
    private static final class GradientStep {
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

        /** Trains on one batch; returns its loss (the weights are not updated if it is not finite). */
        double run(Matrix x, int[] labels, Matrix dOutput, float rate) {
            network.zeroGradients(pass.kernels());
            Matrix output = network.forward(x, pass);
            double batchLoss = loss.valueAndGradient(output, labels, dOutput);
            if (!Double.isFinite(batchLoss)) {
                return batchLoss;
            }
            correct = countCorrect(output, labels);
            network.backward(dOutput, pass);
            if (config.clipNorm() > 0) {
                Constraints.clipGradientNorm(parameters, config.clipNorm());
            }
            optimizer.step(parameters, rate, pass.kernels());
            if (config.maxNorm() > 0) {
                Constraints.applyMaxNorm(parameters, config.maxNorm());
            }
            return batchLoss;
        }
    }

    /** Higher validation accuracy wins; on a tie, lower validation loss. */
    private static boolean isBetter(Evaluation candidate, Evaluation best) {
        if (best == null || candidate.accuracy() != best.accuracy()) {
            return best == null || candidate.accuracy() > best.accuracy();
        }
        return candidate.loss() < best.loss();
    }

    /** Copies the network's weights into {@code into} (built on first use). */
    private static Network snapshot(Network network, Network into) {
        Network copy = into != null ? into : network.spec().build(new SplittableRandom(0));
        copy.copyParametersFrom(network);
        return copy;
    }

    /** Fisher–Yates: every permutation equally likely, driven only by the seeded generator. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static int countCorrect(Matrix output, int[] labels) {
        int correct = 0;
        for (int r = 0; r < output.rows(); r++) {
            if (Evaluator.argmax(output, r) == labels[r]) {
                correct++;
            }
        }
        return correct;
    }

    private void fire(java.util.function.Consumer<TrainingListener> event) {
        for (TrainingListener listener : listeners) {
            event.accept(listener);
        }
    }

    @Override
    public String toString() {
        return "Trainer" + config;
    }
}
