package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Minibatch backpropagation: each epoch shuffles the training set, and for every batch runs
 * the network forward, measures the loss, propagates its gradient backward from the output layer
 * to the first, and lets the optimizer change the weights a little.
 *
 * <p>After each epoch the network is evaluated on the validation and test sets. With a
 * validation set, the weights of the epoch with the best validation accuracy are kept, and
 * {@code patience} epochs without improvement stop the run early. {@link #fit} runs to the end;
 * {@link #start} gives a {@link TrainingRun} to advance batch by batch.
 *
 * <p>Deterministic: the same config (seed, threads), network and data give bit-identical
 * weights. Randomness comes from generators seeded by the config, whose state a checkpoint saves.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final KernelProvider kernels;
    /** Added before a run starts, by the thread that will drive it; events go to them in order. */
    private final List<TrainingListener> listeners = new ArrayList<>();
    private volatile boolean stopRequested;

    /** A trainer for {@code config} whose runs open their kernels from {@code kernels}, the host's choice. */
    public Trainer(TrainingConfig config, KernelProvider kernels) {
        if (config == null || kernels == null) {
            throw new IllegalArgumentException("Trainer: config and kernels are required");
        }
        this.config = config;
        this.kernels = kernels;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Adds a listener, before a run starts and from the thread that will drive it; returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Asks a running {@link #fit} to stop after the current batch; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains {@code network} in place, to the end.
     *
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult fit(Network network, TrainingData data) {
        try (TrainingRun run = start(network, data)) {
            while (run.step()) {
                // each step trains one batch
            }
            return run.result();
        }
    }

    /**
     * Begins a run that the caller advances with {@link TrainingRun#step()}; fires the started
     * event. Close the run when done.
     */
    public TrainingRun start(Network network, TrainingData data) {
        return begin(network, data, null);
    }

    /**
     * Continues a run saved with {@link TrainingRun#state()}: {@code network} must hold the weights
     * saved with it, {@code data} must be the same, and this trainer's config must equal the
     * saved one except for the thread count (results do not depend on it). Fires the started
     * event; close the run when done.
     *
     * @throws IllegalArgumentException if the config or data do not match the saved run
     */
    public TrainingRun resume(Network network, TrainingData data, TrainingState state) {
        TrainingConfig saved = state.config().toBuilder().threads(config.threads()).build();
        if (!saved.equals(config)) {
            throw new IllegalArgumentException("Trainer.resume: the saved run used " + state.config()
                    + ", this trainer " + config + ". Resume with the saved settings.");
        }
        if (state.complete()) {
            throw new IllegalArgumentException("Trainer.resume: the saved run had finished all " + config.epochs()
                    + " epochs; nothing is left to train");
        }
        return begin(network, data, state);
    }

    /** Fails now, with a hint, on data the network or the settings cannot train on. */
    private void requireFits(Dataset train, Network network) {
        if (train.features() != network.inputSize()) {
            throw new IllegalArgumentException("Trainer: " + train.name() + " has " + train.features()
                    + " inputs per sample, but the network " + network.spec() + " expects " + network.inputSize()
                    + ". Make the first number of the layer spec " + train.features() + ".");
        }
        if (train.isRegression()) {
            if (network.outputSize() != 1) {
                throw new IllegalArgumentException("Trainer: " + train.name() + " has one number to predict, but the"
                        + " network " + network.spec() + " has " + network.outputSize() + " outputs. Make the last"
                        + " number of the layer spec 1.");
            }
            if (!config.loss().comparesNumbers()) {
                throw new IllegalArgumentException("Trainer: " + config.loss().name() + " compares outputs with"
                        + " classes; a regression needs mse.");
            }
        } else if (train.classes() > network.outputSize()) {
            throw new IllegalArgumentException("Trainer: " + train.name() + " has " + train.classes()
                    + " classes, but the network " + network.spec() + " has only " + network.outputSize()
                    + " outputs. Change the last number of the layer spec.");
        } else if (train.classes() < network.outputSize()) {
            // Training would only ever push them down: a wider last layer is a typo, not a choice.
            throw new IllegalArgumentException("Trainer: the network " + network.spec() + " has "
                    + network.outputSize() + " outputs, but " + train.name() + " has only " + train.classes()
                    + " classes: outputs " + train.classes() + "–" + (network.outputSize() - 1)
                    + " could never be the answer. Make the last number of the layer spec " + train.classes() + ".");
        }
        if (config.augmentation().enabled() && !(train.isImages() && train.channels() == 1)) {
            throw new IllegalArgumentException("Trainer: --augment distorts gray images; " + train.name() + " holds "
                    + (train.isImages() ? "colour images" : "table rows") + ". Leave --augment out.");
        }
    }

    private TrainingRun begin(Network network, TrainingData data, TrainingState state) {
        requireFits(data.train(), network);
        stopRequested = false;
        Kernels opened = kernels.open(config.threads());
        try {
            return new TrainingRun(this, network, data, opened, state);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    List<TrainingListener> listeners() {
        return listeners;
    }

    void fire(Consumer<TrainingListener> event) {
        for (TrainingListener listener : listeners) {
            event.accept(listener);
        }
    }

    @Override
    public String toString() {
        return "Trainer" + config;
    }
}
