package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.optim.OptimizerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingStateTest {

    @Test
    void eachPartChecksItself() {
        assertThatThrownBy(() -> new TrainingState.Progress(0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochs count from 1");
        assertThatThrownBy(() -> new TrainingState.Progress(1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new TrainingState.EpochSoFar(0, 9, 8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 of 8");
        assertThatThrownBy(() -> new TrainingState.EpochSoFar(Double.NaN, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss sum NaN");
        assertThatThrownBy(() -> new TrainingState.BestSoFar(-1, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch -1");
    }

    @Test
    void thePartsMustAgree() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).build();
        assertThatThrownBy(() -> new TrainingState(config, new TrainingState.Progress(2, 0, 10, 0),
                TrainingState.EpochSoFar.NONE, new TrainingState.BestSoFar(0, 0, Map.of()),
                new TrainingState.RandomStreams(1, 2), List.of(), OptimizerState.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 finished epochs recorded, but at epoch 2 batch 0");
    }

    @Test
    void bestWeightsAreCopied() {
        float[] weights = {1, 2, 3};
        TrainingState.BestSoFar best = new TrainingState.BestSoFar(1, 0, Map.of("w", weights));
        weights[0] = 99;
        assertThat(best.weights().get("w")).containsExactly(1, 2, 3);
    }
}
