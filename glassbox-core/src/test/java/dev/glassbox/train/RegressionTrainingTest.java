package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.TrainingStateJson;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.tensor.Rng;
import org.junit.jupiter.api.Test;

class RegressionTrainingTest {
    /** y = 2a − b + 0.5 + noise(σ = 0.1) over a, b uniform in [−1, 1]. */
    private static Dataset linear(String name, int n, long seed) {
        Rng random = new Rng(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (random.nextDouble() * 2 - 1);
            float b = (float) (random.nextDouble() * 2 - 1);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = (float) (2 * a - b + 0.5 + 0.1 * random.nextGaussian());
        }
        return Dataset.regression(name, x, 2, y);
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(16).learningRate(0.01f).loss("mse").threads(1)
                .seed(3).build();
    }

    @Test
    void aLinearNetworkFindsTheLineUnderTheNoise() {
        Network network = NetworkSpec.parse("2-1").build(5);
        TrainingData data = TrainingData.of(linear("train", 1000, 1)).withValidation(linear("validation", 200, 2))
                .withTest(linear("test", 500, 3));
        TrainingResult result = new Trainer(config(30), KernelChoice.provider()).fit(network, data);

        Evaluation test = result.best().test();
        assertThat(test.isRegression()).isTrue();
        assertThat(test.size()).isEqualTo(500);
        // Only the noise is left: RMSE ≈ σ = 0.1, and R² close to 1 − 0.01 / var(y) ≈ 0.993.
        assertThat(test.regression().rmse()).isBetween(0.08, 0.12);
        assertThat(test.regression().r2()).isGreaterThan(0.98);
        assertThat(test.loss()).isEqualTo(test.regression().sumSquared() / 500, org.assertj.core.api.Assertions.within(1e-6));
        float[] w = network.parameters().get(0).value().data();
        assertThat(w[0]).isCloseTo(2f, org.assertj.core.api.Assertions.within(0.05f));
        assertThat(w[1]).isCloseTo(-1f, org.assertj.core.api.Assertions.within(0.05f));
    }

    @Test
    void theBestEpochIsTheOneWithTheLowestValidationLoss() {
        Network network = NetworkSpec.parse("2-8-tanh-1").build(5);
        TrainingData data = TrainingData.of(linear("train", 300, 1)).withValidation(linear("validation", 100, 2));
        TrainingResult result = new Trainer(config(8), KernelChoice.provider()).fit(network, data);
        double lowest = result.epochs().stream().mapToDouble(e -> e.validation().loss()).min().orElseThrow();
        assertThat(result.best().validation().loss()).isEqualTo(lowest);
    }

    @Test
    void aCheckpointRemembersTheRegressionErrors() {
        Network network = NetworkSpec.parse("2-1").build(5);
        TrainingData data = TrainingData.of(linear("train", 64, 1)).withValidation(linear("validation", 32, 2));
        try (TrainingRun run = new Trainer(config(3), KernelChoice.provider()).start(network, data)) {
            for (int i = 0; i < 5; i++) {
                run.step();
            }
            TrainingState state = run.state();
            TrainingState back = TrainingStateJson.read(TrainingStateJson.write(state), state.optimizer().arrays(),
                    state.best().weights());
            assertThat(back.history().get(0).validation()).isEqualTo(state.history().get(0).validation());
            assertThat(back.history().get(0).validation().regression().count()).isEqualTo(32);
        }
    }

    @Test
    void dataTheNetworkCannotLearnIsRefusedWithAHint() {
        TrainingData data = TrainingData.of(linear("train", 10, 1));
        Trainer trainer = new Trainer(config(1), KernelChoice.provider());
        assertThatThrownBy(() -> trainer.fit(NetworkSpec.parse("2-3").build(1), data))
                .hasMessageContaining("one number to predict").hasMessageContaining("spec 1");
        assertThatThrownBy(() -> trainer.fit(NetworkSpec.parse("3-1").build(1), data))
                .hasMessageContaining("has 2 inputs per sample").hasMessageContaining("spec 2");
        Trainer crossEntropy = new Trainer(TrainingConfig.builder().epochs(1).threads(1).build(), KernelChoice.provider());
        assertThatThrownBy(() -> crossEntropy.fit(NetworkSpec.parse("2-1").build(1), data))
                .hasMessageContaining("regression needs mse");
    }
}
