package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's choice of round, without a cluster: the same rule as local training's best epoch. */
class BestRoundTest {

    private static Evaluation evaluation(int correct, double loss) {
        return new Evaluation("validation", loss, new ConfusionMatrix(new long[][] {{correct, 4 - correct}, {0, 0}}));
    }

    @Test
    void onATieInAccuracyTheLowerLossIsKept() {
        // Before the shared rule, the driver compared accuracy alone and kept round 1 here, while
        // local training kept the second of the two equally accurate epochs.
        BestRound best = new BestRound();
        Map<String, float[]> first = Map.of("w", new float[] {1});
        Map<String, float[]> second = Map.of("w", new float[] {2});
        assertThat(best.offer(1, evaluation(3, 0.50), first)).isTrue();
        assertThat(best.offer(2, evaluation(3, 0.40), second)).isTrue();
        assertThat(best.round()).isEqualTo(2);
        assertThat(best.weights()).isSameAs(second);
    }

    @Test
    void worseRoundsAreCountedForPatience() {
        BestRound best = new BestRound();
        assertThat(best.weights()).isNull();
        best.offer(1, evaluation(3, 0.40), Map.of());
        assertThat(best.offer(2, evaluation(3, 0.40), Map.of())).as("a full tie keeps the earlier round").isFalse();
        assertThat(best.offer(3, evaluation(2, 0.10), Map.of())).isFalse();
        assertThat(best.round()).isEqualTo(1);
        assertThat(best.evaluationsSince()).isEqualTo(2);
        best.offer(4, evaluation(4, 0.9), Map.of());
        assertThat(best.evaluationsSince()).isZero();
    }
}
