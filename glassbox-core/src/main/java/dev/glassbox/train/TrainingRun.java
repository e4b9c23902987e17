package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.internal.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A training run advanced one batch at a time, for callers that want to pause, single-step or
 * interleave other work (the lab does); {@link Trainer#fit} is a loop over {@link #step()}.
 *
 * <p>Each epoch shuffles the training set and trains on its batches in turn; after the last
 * batch the network is evaluated on the validation and test sets. With a validation set, the
 * weights of the best epoch are kept, and {@code patience} epochs without improvement end the
 * run early. Listener events fire on the thread calling {@link #step()}.
 *
 * <p>Not thread-safe: one thread steps the run; while it does, the network's weights change, so
 * other threads must read them only between steps. Owns a kernel instance (and its worker
 * threads): close the run when done.
 */
public final class TrainingRun implements AutoCloseable {
    private final Trainer trainer;
    private final TrainingConfig config;
    private final Network network;
    private final TrainingData data;
    private final Kernels kernels;
    private final Loss loss;
    private final GradientStep gradientStep;
    private final SplittableRandom shuffleRandom;

    private final int batchSize;
    private final int batchesPerEpoch;
    private final long totalSteps;
    private final int[] order;
    private final int[] labels;
    private final Matrix fullBatch;
    private final Matrix lastBatch;
    private final Matrix fullGradient;
    private final Matrix lastGradient;

    private final List<TrainingEvents.Epoch> history = new ArrayList<>();
    private final long startNanos;
    private Network best;
    private Evaluation bestValidation;
    private int bestEpoch;
    private int sinceBest;
    private boolean stoppedEarly;

    private int epoch;
    /** Batches done in the current epoch; 0 at an epoch's start. */
    private int batch;
    private long step;
    private long trainingNanos;
    private double lossSum;
    private long correct;
    private long seen;
    private float rate;
    private TrainingResult result;

    TrainingRun(Trainer trainer, Network network, TrainingData data, Kernels kernels) {
        this.trainer = trainer;
        this.config = trainer.config();
        this.network = network;
        this.data = data;
        this.kernels = kernels;
        this.loss = config.loss();
        this.startNanos = System.nanoTime();
        SplittableRandom random = new SplittableRandom(config.seed());
        this.shuffleRandom = random.split();
        Pass pass = Pass.training(kernels, random.split());
        this.gradientStep = new GradientStep(network, loss, config.optimizer().create(), pass, config);

        Dataset train = data.train();
        int n = train.size();
        this.batchSize = Math.min(config.batchSize(), n);
        this.batchesPerEpoch = (n + batchSize - 1) / batchSize;
        this.totalSteps = (long) batchesPerEpoch * config.epochs();
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.labels = new int[batchSize];
        this.fullBatch = Matrix.zeros(batchSize, train.features());
        this.lastBatch = n % batchSize == 0 ? fullBatch : Matrix.zeros(n % batchSize, train.features());
        this.fullGradient = Matrix.zeros(batchSize, network.outputSize());
        this.lastGradient = n % batchSize == 0 ? fullGradient : Matrix.zeros(n % batchSize, network.outputSize());
        trainer.fire(l -> l.started(new TrainingEvents.Started(network.spec().toString(), network.parameterCount(),
                config, n, batchesPerEpoch, kernels.name())));
    }

    /**
     * Trains one batch; after an epoch's last batch also evaluates the epoch and decides whether
     * the run goes on. A stop requested through {@link Trainer#requestStop()} ends the run here,
     * evaluating the partial epoch if it trained any batch.
     *
     * @return whether there is more to do; false once the run is over
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public boolean step() {
        if (result != null) {
            return false;
        }
        if (trainer.stopRequested()) {
            if (batch > 0) {
                endEpoch();
            }
            finish();
            return false;
        }
        if (batch == 0) {
            epoch++;
            shuffle(order, shuffleRandom);
            lossSum = 0;
            correct = 0;
            seen = 0;
            trainingNanos = 0;
        }
        trainBatch();
        if (batch == batchesPerEpoch) {
            if (endEpoch()) {
                finish();
                return false;
            }
        }
        return true;
    }

    private void trainBatch() {
        long begin = System.nanoTime();
        int n = order.length;
        int from = batch * batchSize;
        int to = Math.min(n, from + batchSize);
        boolean full = to - from == batchSize;
        Matrix x = full ? fullBatch : lastBatch;
        data.train().fillBatch(order, from, to, x, labels);

        rate = config.schedule().rate(config.learningRate(), step, totalSteps, batchesPerEpoch);
        double batchLoss = gradientStep.run(x, labels, full ? fullGradient : lastGradient, rate);
        if (!Double.isFinite(batchLoss)) {
            throw new TrainingDivergedException(epoch, batch + 1, batchLoss, rate);
        }
        batch++;
        step++;
        lossSum += batchLoss * (to - from);
        correct += gradientStep.correct;
        seen += to - from;
        trainingNanos += System.nanoTime() - begin;
        List<TrainingListener> listeners = trainer.listeners();
        if (!listeners.isEmpty()) {
            double seconds = trainingNanos / 1e9;
            TrainingEvents.Batch event = new TrainingEvents.Batch(epoch, batch, batchesPerEpoch, batchLoss,
                    (double) gradientStep.correct / (to - from), rate, seen, seconds > 0 ? seen / seconds : 0);
            // Indexed, not for-each: the batch loop allocates nothing beyond the event itself.
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).batch(event);
            }
        }
    }

    /** Evaluates the epoch just trained; returns whether the run is over. */
    private boolean endEpoch() {
        batch = 0;
        double seconds = trainingNanos / 1e9;
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
                (double) correct / seen, validation, test, seconds, seconds > 0 ? seen / seconds : 0, rate, improved);
        history.add(event);
        trainer.fire(l -> l.epoch(event));
        if (config.patience() > 0 && sinceBest >= config.patience() && epoch < config.epochs()) {
            stoppedEarly = true;
            return true;
        }
        return epoch >= config.epochs();
    }

    private void finish() {
        if (history.isEmpty()) {
            throw new IllegalStateException("TrainingRun: stopped before the first epoch finished");
        }
        if (best != null && bestEpoch != history.size()) {
            network.copyParametersFrom(best);
        }
        TrainingEvents.Finished finished = new TrainingEvents.Finished(history.size(), bestEpoch, stoppedEarly,
                (System.nanoTime() - startNanos) / 1e9);
        result = new TrainingResult(history, finished);
        trainer.fire(l -> l.finished(finished));
    }

    /** Whether the run is over; {@link #result()} is then available. */
    public boolean finished() {
        return result != null;
    }

    /**
     * What the run produced; the network now holds the weights of the best epoch.
     *
     * @throws IllegalStateException while the run is still going
     */
    public TrainingResult result() {
        if (result == null) {
            throw new IllegalStateException("TrainingRun.result: the run has not finished; call step() until it returns false");
        }
        return result;
    }

    /** The epoch being trained (1-based), or the last one once finished; 0 before the first step. */
    public int epoch() {
        return epoch;
    }

    /** Batches trained so far over all epochs. */
    public long steps() {
        return step;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    public Network network() {
        return network;
    }

    /** Stops the run's worker threads. */
    @Override
    public void close() {
        kernels.close();
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

    @Override
    public String toString() {
        return "TrainingRun[epoch " + epoch + "/" + config.epochs() + ", batch " + batch + "/" + batchesPerEpoch + "]";
    }
}
