package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.optim.OptimizerState;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingStateJsonTest {
    private static final TrainingState STATE = new TrainingState(
            TrainingConfig.builder().epochs(3).seed(-7).build(),
            new TrainingState.Progress(1, 2, 2, 123_456_789L),
            new TrainingState.EpochSoFar(1.25, 5, 8, 4_000L),
            new TrainingState.BestSoFar(0, 0, Map.of()),
            // Generator states use all 64 bits, the sign bit included.
            new TrainingState.RandomStreams(Long.MIN_VALUE, -1L),
            List.of(),
            new OptimizerState(2, Map.of("layers.0.weight.velocity", new float[] {1, 2})));

    @Test
    void everyPartRoundTrips() {
        TrainingState read = TrainingStateJson.read(TrainingStateJson.write(STATE), STATE.optimizer().arrays(), Map.of());
        assertThat(read.config()).isEqualTo(STATE.config());
        assertThat(read.progress()).isEqualTo(STATE.progress());
        assertThat(read.epochSoFar()).isEqualTo(STATE.epochSoFar());
        assertThat(read.random()).isEqualTo(STATE.random());
        assertThat(read.best().epoch()).isEqualTo(0);
        assertThat(read.optimizer().steps()).isEqualTo(2);
    }

    @Test
    void aStateFromBeforeTheEnginesOwnGeneratorIsRefusedByName() {
        String json = TrainingStateJson.write(STATE).replaceFirst("\"version\": ?2", "\"version\": 1");
        assertThat(json).contains("1");
        assertThatThrownBy(() -> TrainingStateJson.read(json, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1 was written by an older Glassbox").hasMessageContaining("Start it again");
    }
}
