package dev.glassbox.train;

import dev.glassbox.data.Augmentation;
import dev.glassbox.loss.Loss;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.MomentumRamp;
import dev.glassbox.optim.OptimizerConfig;

/**
 * Everything a training run needs besides the network and the data. Build with
 * {@link #builder()}; the defaults are those of {@code glassbox train}.
 *
 * @param epochs passes over the training set
 * @param batchSize samples per gradient step
 * @param learningRate the base rate η, scaled by the schedule
 * @param schedule how η changes over the run
 * @param optimizer the update rule and its settings (including weight decay)
 * @param lossName {@code cross-entropy} or {@code mse}
 * @param clipNorm clip the global gradient norm to this (0: off)
 * @param maxNorm cap each neuron's incoming weight norm at this (0: off)
 * @param patience stop after this many epochs without a better validation accuracy (0: never)
 * @param seed seeds shuffling, dropout and augmentation; same seed, same result
 * @param threads threads for the kernels
 * @param momentumRamp momentum rising over the first epochs, for momentum and nesterov ({@link MomentumRamp#NONE}: off)
 * @param augmentation random distortions of the training images, new every epoch ({@link Augmentation#NONE}: off)
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        float learningRate,
        LearningRateSchedule schedule,
        OptimizerConfig optimizer,
        String lossName,
        float clipNorm,
        float maxNorm,
        int patience,
        long seed,
        int threads,
        MomentumRamp momentumRamp,
        Augmentation augmentation) {

    public TrainingConfig {
        require(epochs >= 1 && epochs <= 100_000, "epochs must be 1..100000, got " + epochs);
        require(batchSize >= 1 && batchSize <= 1 << 20, "batch size must be 1..1048576, got " + batchSize);
        require(learningRate > 0 && Float.isFinite(learningRate), "learning rate must be positive, got " + learningRate);
        require(schedule != null && optimizer != null, "schedule and optimizer are required");
        Loss.byName(lossName);
        require(clipNorm >= 0 && Float.isFinite(clipNorm), "clip norm must be ≥ 0 (0 = off), got " + clipNorm);
        require(maxNorm >= 0 && Float.isFinite(maxNorm), "max norm must be ≥ 0 (0 = off), got " + maxNorm);
        require(patience >= 0, "patience must be ≥ 0 (0 = no early stopping), got " + patience);
        require(threads >= 1 && threads <= 1024, "threads must be 1..1024, got " + threads);
        require(augmentation != null, "augmentation is required (Augmentation.NONE for none)");
        require(momentumRamp != null, "momentum ramp is required (MomentumRamp.NONE for none)");
        require(!momentumRamp.enabled() || optimizer.kind() == OptimizerConfig.Kind.MOMENTUM
                || optimizer.kind() == OptimizerConfig.Kind.NESTEROV,
                "a momentum ramp needs the momentum or nesterov optimizer, not " + optimizer.kind().specName());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TrainingConfig: " + message);
        }
    }

    public Loss loss() {
        return Loss.byName(lossName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.schedule = schedule;
        b.optimizer = optimizer;
        b.lossName = lossName;
        b.clipNorm = clipNorm;
        b.maxNorm = maxNorm;
        b.patience = patience;
        b.seed = seed;
        b.threads = threads;
        b.augmentation = augmentation;
        b.momentumRamp = momentumRamp;
        return b;
    }

    /** Settings with defaults; each setter returns the builder. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private float learningRate = 1e-3f;
        private LearningRateSchedule schedule = new LearningRateSchedule.Cosine(0);
        private OptimizerConfig optimizer = OptimizerConfig.of(OptimizerConfig.Kind.ADAM);
        private String lossName = "cross-entropy";
        private float clipNorm;
        private float maxNorm;
        private int patience;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Augmentation augmentation = Augmentation.NONE;
        private MomentumRamp momentumRamp = MomentumRamp.NONE;

        private Builder() {}

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(float value) {
            learningRate = value;
            return this;
        }

        public Builder schedule(LearningRateSchedule value) {
            schedule = value;
            return this;
        }

        public Builder optimizer(OptimizerConfig value) {
            optimizer = value;
            return this;
        }

        public Builder loss(String value) {
            lossName = value;
            return this;
        }

        public Builder clipNorm(float value) {
            clipNorm = value;
            return this;
        }

        public Builder maxNorm(float value) {
            maxNorm = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder augmentation(Augmentation value) {
            augmentation = value;
            return this;
        }

        public Builder momentumRamp(MomentumRamp value) {
            momentumRamp = value;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, schedule, optimizer, lossName, clipNorm,
                    maxNorm, patience, seed, threads, momentumRamp, augmentation);
        }
    }
}
