package dev.glassbox.lab;

import dev.glassbox.lab.core.LabData;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.core.DefaultTraining;
import dev.glassbox.lab.core.Provenance;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingResult;

/**
 * The model the lab opens with when it is given none: the classic picture's shape, two hidden
 * layers of 16 neurons, small enough to see every connection and every number, trained for a
 * few seconds so that every panel shows a network that reads digits (about 95 % on the test set).
 */
public final class DefaultModel {
    public static final String SPEC = DefaultTraining.SPEC;
    public static final int EPOCHS = DefaultTraining.EPOCHS;

    /** Fewest batches the default network trains for: a small table needs many passes. */
    public static final int MIN_STEPS = DefaultTraining.MIN_STEPS;

    private DefaultModel() {}

    /** The default network for {@code data}'s inputs and outputs. */
    public static NetworkSpec spec(LabData data) {
        return DefaultTraining.spec(data);
    }

    /** The training settings of the default model; the Train panel starts from them too. */
    public static TrainingConfig config(int epochs) {
        return DefaultTraining.config(epochs);
    }

    /**
     * Trains the default network on {@code data} — {@value #SPEC} for MNIST; for other data as
     * many inputs and outputs as it has, with the same two hidden layers of 16 — for
     * {@value #EPOCHS} epochs, or more on small data (at least {@value #MIN_STEPS} batches);
     * {@code listener} sees the usual training events.
     */
    public static LabModel train(LabData data, TrainingListener listener) {
        NetworkSpec spec = spec(data);
        Network network = spec.build(1);
        int batches = (data.train().size() + DefaultTraining.BATCH_SIZE - 1) / DefaultTraining.BATCH_SIZE;
        int epochs = DefaultTraining.epochs(data);
        TrainingConfig config = DefaultTraining.config(data, epochs);
        TrainingResult result = new Trainer(config, KernelChoice.provider())
                .addListener(listener)
                .fit(network, TrainingData.of(data.train()).withTest(data.test()));
        double accuracy = result.last().test().accuracy();
        long steps = (long) result.epochs().size() * batches;
        return new LabModel(network, config.loss(), "trained for " + epochs + " epochs at start-up",
                Provenance.of(Glassbox.version(), spec, config, data, steps, accuracy));
    }
}
