package dev.glassbox.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.ToyImages;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialTest {
    private static TrainingConfig config(float rate) {
        return TrainingConfig.builder().epochs(3).batchSize(16).learningRate(rate)
                .optimizer(OptimizerConfig.of("sgd")).seed(5).threads(1).build();
    }

    private static TrainingData data() {
        Dataset all = ToyImages.make("toy", 600, 11);
        return TrainingData.of(all).holdOut(150);
    }

    @Test
    void aTrialTrainsItsNetworkAndKeepsTheBestEpochsWeights() {
        Trial trial = new Trial(1, Map.of("learning-rate", "0.1"), NetworkSpec.parse("16-8-relu-3"), null, config(0.1f));
        TrialResult result = trial.run(data(), KernelChoice.provider());
        assertThat(result.status()).isEqualTo(TrialResult.Status.DONE);
        assertThat(result.validationAccuracy()).isGreaterThan(0.5);
        assertThat(result.epochsRun()).isEqualTo(3);
        assertThat(result.bestEpoch()).isBetween(1, 3);
        assertThat(result.weights()).containsOnlyKeys("layers.0.weight", "layers.0.bias", "layers.2.weight",
                "layers.2.bias");
        assertThat(result.withoutWeights().weights()).isEmpty();
        assertThat(trial.run(data(), KernelChoice.provider()).weights().get("layers.0.weight")).containsExactly(
                result.weights().get("layers.0.weight"));
    }

    @Test
    void aDivergingTrialIsRankedLast() {
        Trial good = new Trial(1, Map.of("learning-rate", "0.1"), NetworkSpec.parse("16-8-relu-3"), null, config(0.1f));
        Trial bad = new Trial(2, Map.of("learning-rate", "1e30"), NetworkSpec.parse("16-8-relu-3"), null, config(1e30f));
        TrialResult diverged = bad.run(data(), KernelChoice.provider());
        assertThat(diverged.status()).isEqualTo(TrialResult.Status.DIVERGED);
        assertThat(diverged.problem()).isNotBlank();
        List<TrialResult> results = new ArrayList<>(List.of(diverged, good.run(data(), KernelChoice.provider())));
        results.sort(TrialResult.BEST_FIRST);
        assertThat(results).extracting(TrialResult::number).containsExactly(1, 2);
    }

    @Test
    void rankingIsByValidationAccuracyThenLossThenNumber() {
        TrialResult a = result(1, 0.90, 0.3);
        TrialResult b = result(2, 0.95, 0.4);
        TrialResult c = result(3, 0.95, 0.2);
        TrialResult d = result(4, 0.95, 0.2);
        List<TrialResult> results = new ArrayList<>(List.of(a, b, d, c));
        results.sort(TrialResult.BEST_FIRST);
        assertThat(results).extracting(TrialResult::number).containsExactly(3, 4, 2, 1);
    }

    @Test
    void aTrialNeedsAValidationSet() {
        Trial trial = new Trial(1, Map.of(), NetworkSpec.parse("16-3"), null, config(0.1f));
        assertThatThrownBy(() -> trial.run(TrainingData.of(ToyImages.make("toy", 50, 1)), KernelChoice.provider()))
                .hasMessageContaining("needs a validation set");
    }

    private static TrialResult result(int number, double accuracy, double loss) {
        return new TrialResult(number, Map.of(), TrialResult.Status.DONE, accuracy, loss, 1, 1, false, 1, Map.of(), null);
    }
}
