package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluation;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    @Test
    void anEvaluationReadsAsAccuracyThenErrorsOfTotalWithThousandsGrouped() {
        Evaluation poor = new Evaluation("test", 2.0, new ConfusionMatrix(new long[][] {{1171, 8829}, {0, 0}}));
        assertThat(ProgressReporter.describe(poor)).isEqualTo("11.71 % (8,829 errors of 10,000)");
    }
}
