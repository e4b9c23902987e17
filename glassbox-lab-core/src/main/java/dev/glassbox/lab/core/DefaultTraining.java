package dev.glassbox.lab.core;

import dev.glassbox.io.ModelInputs;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.TrainingConfig;

/**
 * The network the lab shows when given none, and how it trains: the classic picture's shape, two
 * hidden layers of 16 neurons, small enough to see every connection and every number.
 */
public final class DefaultTraining {
    public static final String SPEC = "784-16-relu-16-relu-10";
    /** Epochs trained before the lab opens with the default network: a few seconds, about 95 % on the test set. */
    public static final int EPOCHS = 3;
    /** Fewest batches the default training runs for: a small table needs many passes. */
    public static final int MIN_STEPS = 1000;
    /** The default batch size. */
    public static final int BATCH_SIZE = 64;

    private DefaultTraining() {}

    /**
     * The default network for {@code data}: {@value #SPEC} for MNIST's digits; for other data as
     * many inputs and outputs as it has, with the same two hidden layers of 16.
     */
    public static NetworkSpec spec(LabData data) {
        if (data.inputs().equals(ModelInputs.digits())) {
            return NetworkSpec.parse(SPEC);
        }
        return NetworkSpec.parse(data.inputSize() + "-16-relu-16-relu-" + data.outputSize());
    }

    /** The default epochs on {@code data}: {@value #EPOCHS}, or more on small data (at least {@value #MIN_STEPS} batches). */
    public static int epochs(LabData data) {
        int batches = (data.train().size() + BATCH_SIZE - 1) / BATCH_SIZE;
        return Math.max(EPOCHS, (MIN_STEPS + batches - 1) / batches);
    }

    /** The default training on {@code data}: its loss mean squared error for a number to predict. */
    public static TrainingConfig config(LabData data, int epochs) {
        TrainingConfig config = config(epochs);
        return data.inputs().isRegression() ? config.toBuilder().loss("mse").build() : config;
    }

    /** The training settings of the default model; the Train panel starts from them too. */
    public static TrainingConfig config(int epochs) {
        return TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(BATCH_SIZE)
                .learningRate(0.003f)
                .optimizer(OptimizerConfig.of("adam"))
                .seed(1)
                .build();
    }
}
