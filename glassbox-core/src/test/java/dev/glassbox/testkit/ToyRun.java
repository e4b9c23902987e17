package dev.glassbox.testkit;

import dev.glassbox.data.Dataset;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A small training run for checkpoint tests: 150 4×4 images of 3 separable classes (30 held
 * out), a network with dropout and two activations, Adam for 3 epochs — every part a checkpoint
 * must carry, in a fraction of a second.
 */
public final class ToyRun {
    public static final String SPEC = "16-24-relu-dropout0.2-12-tanh-3";
    public static final TrainingData DATA = data();
    public static final TrainingConfig CONFIG = TrainingConfig.builder()
            .epochs(3).batchSize(16).learningRate(0.01f).optimizer(OptimizerConfig.of("adam")).seed(8).build();

    private ToyRun() {}

    private static TrainingData data() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 150;
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (byte) (p % 3 == i % 3 ? 150 + random.nextInt(100) : random.nextInt(80));
            }
        }
        return TrainingData.of(Dataset.of("toy", pixels, labels, 4, 4, 3)).holdOut(30);
    }

    /** The run's network, freshly initialised from seed 1. */
    public static Network network() {
        return NetworkSpec.parse(SPEC).build(1);
    }

    /** Every parameter's values, in order, in one array. */
    public static float[] weights(Network network) {
        return network.parameters().stream().map(Parameter::value).map(m -> m.data().clone())
                .reduce(new float[0], (a, b) -> {
                    float[] joined = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
    }
}
