package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BestEpochTest {

    /** An evaluation on a 10-sample, two-class set with {@code correct} right answers. */
    private static Evaluation evaluation(int correct, double loss) {
        return new Evaluation("validation", loss, new ConfusionMatrix(new long[][] {{correct, 10 - correct}, {0, 0}}));
    }

    @Test
    void theFirstEvaluationIsTheBest() {
        assertThat(BestEpoch.isBetter(evaluation(1, 9), null)).isTrue();
    }

    @Test
    void higherAccuracyWinsWhateverTheLoss() {
        assertThat(BestEpoch.isBetter(evaluation(8, 0.9), evaluation(7, 0.1))).isTrue();
        assertThat(BestEpoch.isBetter(evaluation(7, 0.1), evaluation(8, 0.9))).isFalse();
    }

    @Test
    void onATieInAccuracyTheLowerLossWins() {
        assertThat(BestEpoch.isBetter(evaluation(8, 0.30), evaluation(8, 0.31))).isTrue();
        assertThat(BestEpoch.isBetter(evaluation(8, 0.31), evaluation(8, 0.30))).isFalse();
    }

    @Test
    void onATieInBothTheEarlierEpochStays() {
        assertThat(BestEpoch.isBetter(evaluation(8, 0.3), evaluation(8, 0.3))).isFalse();
    }

    @Test
    void aMissingCandidateIsRefused() {
        assertThatThrownBy(() -> BestEpoch.isBetter(null, evaluation(1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidate");
    }
}
