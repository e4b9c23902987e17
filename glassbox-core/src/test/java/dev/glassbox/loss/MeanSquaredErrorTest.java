package dev.glassbox.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeanSquaredErrorTest {
    private final Loss loss = new MeanSquaredError();

    @Test
    void knownAnswer() {
        // Row 0: o = [0.5, 0.5], label 0 → t = [1, 0], o − t = [−0.5, 0.5]
        // Row 1: o = [1, 0],     label 0 → o − t = [0, 0]
        // loss = (0.25 + 0.25 + 0 + 0) / 4 elements = 0.125
        // ∂/∂o = 2(o − t) / 4 = [[−0.25, 0.25], [0, 0]]
        Matrix o = Matrix.of(new float[] {0.5f, 0.5f}, new float[] {1, 0});
        Matrix d = Matrix.zeros(2, 2);
        double value = loss.valueAndGradient(o, new int[] {0, 0}, d);
        Approx.assertClose("loss", value, 0.125, 1e-9);
        assertThat(d.data()).containsExactly(-0.25f, 0.25f, 0, 0);
        assertThat(loss.value(o, new int[] {0, 0})).isEqualTo(value);
    }

    @Test
    void probabilitiesClampAndNormalise() {
        // [0.5, 1.5, −1] → clamp to [0, 1]: [0.5, 1, 0] → / 1.5 = [1/3, 2/3, 0]; all zero → uniform.
        Matrix p = Matrix.zeros(2, 3);
        loss.probabilities(Matrix.of(new float[] {0.5f, 1.5f, -1}, new float[] {0, -2, 0}), p);
        Approx.assertAllClose("p", p.data(), new double[] {1 / 3.0, 2 / 3.0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0}, 1e-6, 0);
    }

    @ParameterizedTest(name = "batch {0} classes {1}")
    @CsvSource({"1, 1", "1, 4", "4, 1", "3, 5", "8, 10"})
    void gradientCheck(int batch, int classes) {
        GradientCheck.checkLoss("mse", loss, SeededRandom.matrix(batch, classes, batch * 17L + classes),
                SeededRandom.labels(batch, classes, 5), SoftmaxCrossEntropyTest.LOSS);
    }

    @Test
    void knownAnswerAgainstNumbers() {
        // o = [1, −1, 2], t = [0.5, −1, 0]: o − t = [0.5, 0, 2] → loss = (0.25 + 0 + 4) / 3 = 1.41666…
        // ∂/∂o = 2(o − t) / 3 = [1/3, 0, 4/3]
        Matrix o = Matrix.wrap(3, 1, new float[] {1, -1, 2});
        Matrix t = Matrix.wrap(3, 1, new float[] {0.5f, -1, 0});
        Matrix d = Matrix.zeros(3, 1);
        Approx.assertClose("loss", loss.valueAndGradient(o, t, d), 4.25 / 3, 1e-9);
        Approx.assertAllClose("d", d.data(), new double[] {1 / 3.0, 0, 4 / 3.0}, 1e-6, 0);
        assertThat(loss.value(o, t)).isEqualTo(4.25 / 3);
    }

    @ParameterizedTest(name = "batch {0} outputs {1}")
    @CsvSource({"1, 1", "4, 1", "3, 2"})
    void gradientCheckAgainstNumbers(int batch, int outputs) {
        Matrix targets = SeededRandom.matrix(batch, outputs, 99 + batch);
        Matrix output = SeededRandom.matrix(batch, outputs, batch * 31L + outputs);
        Matrix dOutput = Matrix.zeros(batch, outputs);
        loss.valueAndGradient(output, targets, dOutput);
        GradientCheck.assertGradient("mse against numbers ∂loss/∂output",
                z -> loss.value(Matrix.wrap(batch, outputs, GradientCheck.toFloat(z)), targets),
                GradientCheck.toDouble(output.data()), GradientCheck.toDouble(dOutput.data()),
                SoftmaxCrossEntropyTest.LOSS);
    }

    @Test
    void crossEntropyRefusesNumbers() {
        Matrix o = Matrix.zeros(2, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SoftmaxCrossEntropy().value(o, o))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("regression needs mse");
    }
}
