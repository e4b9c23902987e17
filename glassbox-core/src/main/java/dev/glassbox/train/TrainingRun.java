package dev.glassbox.train;

import dev.glassbox.data.AugmentedBatches;
import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run advanced one batch at a time, for callers that want to pause, single-step or
 * interleave other work (the lab does); {@link Trainer#fit} is a loop over {@link #step()}.
 *
 * <p>Each epoch shuffles the training set and trains on its batches in turn; after the last
 * batch the network is evaluated on the validation and test sets. With a validation set, the
 * weights of the best epoch ({@link BestEpoch}) are kept, and {@code patience} epochs without
 * improvement end the run early. Listener events fire on the thread calling {@link #step()}.
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
    private final AugmentedBatches batches;
    private final Loss loss;
    private final GradientStep gradientStep;
    private final Optimizer optimizer;
    private final Rng shuffleRandom;
    private final Rng dropoutRandom;
    /** The shuffling generator's state before it shuffled the epoch in progress. */
    private long epochRandom;

    private final int batchSize;
    private final int batchesPerEpoch;
    private final long totalSteps;
    private final int[] order;
    private final int[] labels;
    private final Matrix fullBatch;
    private final Matrix lastBatch;
    private final Matrix fullGradient;
    private final Matrix lastGradient;
    /** A regression's targets for a full and the last batch; null for classes. */
    private final Matrix fullTargets;
    private final Matrix lastTargets;

    private final List<TrainingEvents.Epoch> history = new ArrayList<>();
    private final long startNanos;
    /** Wall time before this run was resumed, if it was. */
    private final long earlierNanos;
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

    /** A new run, or with {@code resume} the continuation of a saved one; {@code network} holds its weights. */
    TrainingRun(Trainer trainer, Network network, TrainingData data, Kernels kernels, TrainingState resume) {
        this.trainer = trainer;
        this.config = trainer.config();
        this.network = network;
        this.data = data;
        this.kernels = kernels;
        this.batches = new AugmentedBatches(config.augmentation(), kernels);
        this.loss = config.loss();
        this.startNanos = System.nanoTime();
        Rng seeded = new Rng(config.seed());
        this.shuffleRandom = seeded.split();
        this.dropoutRandom = seeded.split();
        this.optimizer = config.optimizer().create();
        Pass pass = Pass.training(kernels, dropoutRandom);
        this.gradientStep = new GradientStep(network, loss, optimizer, pass, config);

        Dataset train = data.train();
        int n = train.size();
        this.batchSize = Math.min(config.batchSize(), n);
        this.batchesPerEpoch = (n + batchSize - 1) / batchSize;
        this.totalSteps = (long) batchesPerEpoch * config.epochs();
        this.order = new int[n];
        this.labels = new int[batchSize];
        this.fullBatch = Matrix.zeros(batchSize, train.features());
        this.lastBatch = n % batchSize == 0 ? fullBatch : Matrix.zeros(n % batchSize, train.features());
        this.fullGradient = Matrix.zeros(batchSize, network.outputSize());
        this.lastGradient = n % batchSize == 0 ? fullGradient : Matrix.zeros(n % batchSize, network.outputSize());
        this.fullTargets = train.isRegression() ? Matrix.zeros(batchSize, 1) : null;
        this.lastTargets = !train.isRegression() ? null
                : n % batchSize == 0 ? fullTargets : Matrix.zeros(n % batchSize, 1);
        this.earlierNanos = resume == null ? 0 : resume.progress().elapsedNanos();
        if (resume != null) {
            restore(resume);
        }
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
            epochRandom = shuffleRandom.state();
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
        batches.fill(data.train(), order, from, to, x, labels, config.seed(), epoch);

        rate = config.schedule().rate(config.learningRate(), step, totalSteps, batchesPerEpoch);
        if (config.momentumRamp().enabled()) {
            optimizer.setMomentum(config.momentumRamp().momentum(config.optimizer().momentum(), step, batchesPerEpoch));
        }
        double batchLoss;
        if (fullTargets == null) {
            batchLoss = gradientStep.run(x, labels, full ? fullGradient : lastGradient, rate);
        } else {
            Matrix targets = full ? fullTargets : lastTargets;
            data.train().fillTargets(order, from, to, targets);
            batchLoss = gradientStep.run(x, targets, full ? fullGradient : lastGradient, rate);
        }
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
        boolean improved = validation == null || BestEpoch.isBetter(validation, bestValidation);
        if (improved) {
            bestEpoch = epoch;
            sinceBest = 0;
            if (validation != null) {
                bestValidation = validation;
                if (best == null) {
                    best = network.copy();
                } else {
                    best.copyParametersFrom(network);
                }
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
                elapsedNanos() / 1e9);
        result = new TrainingResult(history, finished);
        trainer.fire(l -> l.finished(finished));
    }

    /**
     * Everything needed to continue this run later (with the network's weights, saved
     * separately), taken between two steps.
     *
     * @throws IllegalStateException once the run has finished
     * @throws TrainingDivergedException if a weight is NaN or infinite
     */
    public TrainingState state() {
        if (result != null) {
            throw new IllegalStateException("TrainingRun.state: the run has finished; save the model instead");
        }
        // A state to resume from must hold weights worth resuming: the loss catches most divergence
        // one batch later, this the update that overflowed.
        for (Parameter p : network.parameters()) {
            for (float v : p.value().data()) {
                if (!Float.isFinite(v)) {
                    throw new TrainingDivergedException(epoch, batch, "weights in " + p.name() + " became " + v, rate);
                }
            }
        }
        Map<String, float[]> bestWeights = new LinkedHashMap<>();
        if (best != null) {
            for (Parameter p : best.parameters()) {
                bestWeights.put(p.name(), p.value().data());
            }
        }
        long shuffleState = batch > 0 ? epochRandom : shuffleRandom.state();
        return new TrainingState(config,
                new TrainingState.Progress(epoch, batch, step, elapsedNanos()),
                new TrainingState.EpochSoFar(lossSum, correct, seen, trainingNanos),
                new TrainingState.BestSoFar(bestEpoch, sinceBest, bestWeights),
                new TrainingState.RandomStreams(shuffleState, dropoutRandom.state()),
                history, optimizer.state(network.parameters()));
    }

    private void restore(TrainingState saved) {
        TrainingState.Progress progress = saved.progress();
        if (progress.batch() >= batchesPerEpoch) {
            throw new IllegalArgumentException("TrainingRun: the saved run was at batch " + progress.batch()
                    + " of an epoch, but " + data.train().name() + " gives " + batchesPerEpoch
                    + " batches per epoch. Resume with the same training data and batch size.");
        }
        optimizer.restore(saved.optimizer(), network.parameters());
        epoch = progress.epoch();
        batch = progress.batch();
        step = progress.step();
        shuffleRandom.setState(saved.random().shuffle());
        if (batch > 0) {
            epochRandom = saved.random().shuffle();
            shuffle(order, shuffleRandom);
        }
        dropoutRandom.setState(saved.random().dropout());
        lossSum = saved.epochSoFar().lossSum();
        correct = saved.epochSoFar().correct();
        seen = saved.epochSoFar().seen();
        trainingNanos = saved.epochSoFar().nanos();
        history.addAll(saved.history());
        bestEpoch = saved.best().epoch();
        sinceBest = saved.best().sinceBest();
        if (bestEpoch > 0) {
            bestValidation = history.get(bestEpoch - 1).validation();
        }
        Map<String, float[]> savedBest = saved.best().weights();
        if (!savedBest.isEmpty()) {
            best = network.copy();
            Map<String, Parameter> byName = best.parametersByName();
            if (!byName.keySet().equals(savedBest.keySet())) {
                throw new IllegalArgumentException("TrainingRun: the saved best weights " + savedBest.keySet()
                        + " do not match the network's parameters " + byName.keySet());
            }
            savedBest.forEach((name, values) -> byName.get(name).value().copyFrom(
                    Matrix.wrap(byName.get(name).value().rows(), byName.get(name).value().cols(), values.clone())));
        }
    }

    private long elapsedNanos() {
        return earlierNanos + System.nanoTime() - startNanos;
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

    /**
     * The epoch's order: Fisher–Yates over 0..n−1, every permutation equally likely, driven only
     * by the seeded generator — so a saved generator state is enough to rebuild it.
     */
    private static void shuffle(int[] order, Rng random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
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
