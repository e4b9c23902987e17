package dev.glassbox.lab.core;

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

    private DefaultTraining() {}

    /** The training settings of the default model; the Train panel starts from them too. */
    public static TrainingConfig config(int epochs) {
        return TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(64)
                .learningRate(0.003f)
                .optimizer(OptimizerConfig.of("adam"))
                .seed(1)
                .build();
    }
}
