package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    /** auto: every epoch, but not before 30 s have passed, so short runs write none. */
    @Test
    void autoWaitsHalfAMinuteBetweenCheckpoints() {
        CheckpointSchedule auto = CheckpointSchedule.parse("auto");
        assertThat(auto.enabled()).isTrue();
        assertThat(auto.intervalBatches(860)).isEqualTo(860);
        assertThat(auto.due(0)).isFalse();
        assertThat(auto.due(29 * SECOND)).isFalse();
        assertThat(auto.due(30 * SECOND)).isTrue();
        assertThat(auto).hasToString("every epoch, 30 s apart at least");
    }

    /** A schedule the user gives is kept to the batch, however little time passed. */
    @Test
    void givenSchedulesAreDueAtEveryInterval() {
        CheckpointSchedule batches = CheckpointSchedule.parse("500b");
        assertThat(batches.intervalBatches(860)).isEqualTo(500);
        assertThat(batches.due(0)).isTrue();
        CheckpointSchedule quarter = CheckpointSchedule.parse("0.25");
        assertThat(quarter.intervalBatches(860)).isEqualTo(215);
        assertThat(quarter.due(0)).isTrue();
        assertThat(CheckpointSchedule.parse("off").enabled()).isFalse();
        assertThat(CheckpointSchedule.parse("0").enabled()).isFalse();
    }

    @Test
    void nonsenseIsRefusedWithTheForms() {
        for (String bad : new String[] {"-1", "0b", "soon", "NaN", "1e999"}) {
            assertThatThrownBy(() -> CheckpointSchedule.parse(bad))
                    .hasMessage("--checkpoint-every " + bad + ": expected epochs (1, 0.25), batches (500b), auto or off");
        }
    }
}
