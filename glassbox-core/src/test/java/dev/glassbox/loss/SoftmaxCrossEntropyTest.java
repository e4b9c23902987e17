package dev.glassbox.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.GradientCheck.Tolerance;
import dev.glassbox.testkit.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftmaxCrossEntropyTest {
    /**
     * value() already sums in double from float logits, so the differences are accurate; the
     * analytic gradient is float (≈6e-8 relative). h = 2⁻¹⁰ keeps truncation below 1e-7.
     */
    static final Tolerance LOSS = new Tolerance(0x1p-10, 1e-4, 1e-6);

    private final Loss loss = new SoftmaxCrossEntropy();

    @Test
    void knownAnswer() {
        // Row 0: z = [0, ln 3], label 1 → p = [1/4, 3/4], loss = −ln(3/4) = 0.2876821
        // Row 1: z = [0, 0],    label 0 → p = [1/2, 1/2], loss = −ln(1/2) = 0.6931472
        // Mean = 0.4904146; ∂/∂z = (p − onehot) / batch = [[0.125, −0.125], [−0.25, 0.25]]
        Matrix z = Matrix.of(new float[] {0, (float) Math.log(3)}, new float[] {0, 0});
        Matrix d = Matrix.zeros(2, 2);
        double value = loss.valueAndGradient(z, new int[] {1, 0}, d);
        Approx.assertClose("loss", value, (-Math.log(0.75) + Math.log(2)) / 2, 1e-7);
        Approx.assertAllClose("dz", d.data(), new double[] {0.125, -0.125, -0.25, 0.25}, 1e-6, 1e-7);
        assertThat(loss.value(z, new int[] {1, 0})).isEqualTo(value);
    }

    @Test
    void probabilitiesKnownAnswer() {
        // softmax([0, ln 3]) = [1, 3] / 4
        Matrix p = Matrix.zeros(1, 2);
        loss.probabilities(Matrix.of(new float[] {0, (float) Math.log(3)}), p);
        Approx.assertAllClose("p", p.data(), new double[] {0.25, 0.75}, 1e-6, 0);
    }

    @Test
    void hugeLogitsStayFinite() {
        // The row maximum is subtracted first: z = [1000, 0] gives p = [1, e⁻¹⁰⁰⁰ ≈ 0].
        Matrix z = Matrix.of(new float[] {1000, 0}, new float[] {1000, 0});
        Matrix d = Matrix.zeros(2, 2);
        double value = loss.valueAndGradient(z, new int[] {0, 1}, d);
        // Row 0: −log 1 = 0; row 1: −log e⁻¹⁰⁰⁰ = 1000; mean 500.
        Approx.assertClose("loss", value, 500, 1e-9);
        Approx.assertAllClose("dz", d.data(), new double[] {0, 0, 0.5, -0.5}, 0, 1e-7);
    }

    @ParameterizedTest(name = "batch {0} classes {1}")
    @CsvSource({"1, 1", "1, 4", "4, 1", "3, 5", "8, 10"})
    void gradientCheck(int batch, int classes) {
        Matrix z = SeededRandom.matrix(batch, classes, batch * 31L + classes);
        for (int i = 0; i < z.size(); i++) {
            z.data()[i] *= 3; // logits of a few units: a peaked, non-trivial softmax
        }
        GradientCheck.checkLoss("cross-entropy", loss, z, SeededRandom.labels(batch, classes, 3), LOSS);
    }

    @Test
    void rejectsLabelsOutsideTheClassesOrTooFew() {
        Matrix z = Matrix.zeros(2, 3);
        assertThatThrownBy(() -> loss.value(z, new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 of row 1 is outside 0..2");
        assertThatThrownBy(() -> loss.value(z, new int[] {0}))
                .hasMessageContaining("2 outputs but only 1 labels");
        assertThatThrownBy(() -> loss.valueAndGradient(z, new int[] {0, 0}, Matrix.zeros(2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byName() {
        assertThat(Loss.byName("CE")).isInstanceOf(SoftmaxCrossEntropy.class);
        assertThat(Loss.byName("cross-entropy").name()).isEqualTo("cross-entropy");
        assertThat(Loss.byName("mse")).isInstanceOf(MeanSquaredError.class);
        assertThatThrownBy(() -> Loss.byName("hinge")).hasMessageContaining("Known: cross-entropy, mse");
    }
}
