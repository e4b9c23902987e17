package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training step runs each optimizer update as its gradient is written, in the backward pass
 * ({@code Network.backwardAndUpdate}); with gradient clipping it cannot, and takes the step
 * after the whole backward pass. A clipping threshold no gradient reaches changes nothing else,
 * so the two ways must give the same weights, bit for bit, for every optimizer and kernel.
 */
class FusedStepTest {
    private static final Dataset TRAIN = ToyImages.make("toy-train", 200, 11);
    /** A first layer big enough for 2 threads to split its rows, dropout between ReLU layers, a fused ReLU. */
    private static final String SPEC = "16-256-relu-dropout0.2-40-relu-3";

    private static float[][] train(String optimizer, String kernels, int threads, float clipNorm) {
        Network network = NetworkSpec.parse(SPEC).build(5);
        TrainingConfig config = TrainingConfig.builder()
                .epochs(2)
                .batchSize(50)
                .learningRate(0.01f)
                .optimizer(OptimizerConfig.of(optimizer).withWeightDecay(1e-3f))
                .clipNorm(clipNorm)
                .seed(3)
                .threads(threads)
                .build();
        new Trainer(config, KernelChoice.named(kernels)).fit(network, TrainingData.of(TRAIN));
        return ToyImages.weights(network);
    }

    @ParameterizedTest(name = "{0}, {1} kernels, {2} threads")
    @CsvSource({
        "sgd, simd, 1", "momentum, simd, 2", "nesterov, simd, 1", "adam, simd, 2", "adamw, simd, 1",
        "momentum, scalar, 2", "adamw, scalar, 1", "adam, reference, 1"
    })
    void updatingInTheBackwardPassEqualsAStepAfterIt(String optimizer, String kernels, int threads) {
        float[][] fused = train(optimizer, kernels, threads, 0f);
        float[][] after = train(optimizer, kernels, threads, 1e30f);
        assertThat(fused).isDeepEqualTo(after);
        assertThat(fused[0]).as("trained").isNotEqualTo(NetworkSpec.parse(SPEC).build(5).parameters().get(0).value()
                .data());
    }
}
