package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
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

    private DefaultModel() {}

    /** The training settings of the default model; the Train panel starts from them too. */
    public static TrainingConfig config(int epochs) {
        return DefaultTraining.config(epochs);
    }

    /** Trains the default network on {@code data}; {@code listener} sees the usual training events. */
    public static LabModel train(MnistData data, TrainingListener listener) {
        NetworkSpec spec = NetworkSpec.parse(SPEC);
        Network network = spec.build(1);
        TrainingConfig config = config(EPOCHS);
        TrainingResult result = new Trainer(config, KernelChoice.provider())
                .addListener(listener)
                .fit(network, TrainingData.of(data.train()).withTest(data.test()));
        double accuracy = result.last().test().accuracy();
        long steps = (long) result.epochs().size() * ((data.train().size() + 63) / 64);
        return new LabModel(network, config.loss(), "trained for " + EPOCHS + " epochs at start-up",
                Provenance.of(Glassbox.version(), spec, config, data, steps, accuracy));
    }
}
