package dev.glassbox.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.GradientCheck.Model;
import dev.glassbox.testkit.GradientCheck.Tolerance;
import dev.glassbox.testkit.SeededRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropoutTest {
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    private static Pass training(long seed) {
        return Pass.training(KERNELS, new Rng(seed));
    }

    @Test
    void trainingKnownAnswer() {
        // rate 0.25: a value is dropped when the next uniform float is < 0.25, else scaled by
        // 1/(1 − 0.25) = 4/3. Replaying the same seeded generator gives the expected mask.
        float[] x = {1, -2, 3, 0.5f, 4, -1, 2, 6};
        Dropout dropout = new Dropout(0.25f, 4);
        Matrix y = dropout.forward(Matrix.wrap(2, 4, x.clone()), training(42));
        float[] dy = {1, 1, 1, 1, 2, 2, 2, 2};
        Matrix dx = dropout.backward(Matrix.wrap(2, 4, dy), training(0), Layer.InputGradient.COMPUTE);
        Rng replay = new Rng(42);
        int dropped = 0;
        for (int i = 0; i < x.length; i++) {
            float mask = replay.nextFloat() < 0.25f ? 0f : 4f / 3f;
            dropped += mask == 0 ? 1 : 0;
            assertThat(y.data()[i]).as("y[%d]", i).isEqualTo(x[i] * mask);
            assertThat(dx.data()[i]).as("dx[%d]", i).isEqualTo(dy[i] * mask);
        }
        assertThat(dropped).as("this seed drops some but not all values").isBetween(1, 7);
    }

    @Test
    void inferenceAndRateZeroPassValuesThrough() {
        float[] x = {1, -2, 3, 0.5f};
        for (Dropout dropout : new Dropout[] {new Dropout(0.5f, 4), new Dropout(0f, 4)}) {
            Pass pass = dropout.rate() == 0f ? training(1) : Pass.inference(KERNELS);
            assertThat(dropout.forward(Matrix.wrap(1, 4, x.clone()), pass).data()).containsExactly(x);
            assertThat(dropout.backward(Matrix.wrap(1, 4, x.clone()), pass, Layer.InputGradient.COMPUTE).data())
                    .containsExactly(x);
        }
    }

    @Test
    void dropsAboutRateOfTheValues() {
        Dropout dropout = new Dropout(0.3f, 1000);
        Matrix y = dropout.forward(SeededRandom.awayFromZero(10, 1000, 0.5, 1, 3), training(5));
        long zeros = 0;
        for (float v : y.data()) {
            zeros += v == 0f ? 1 : 0;
        }
        // 10 000 Bernoulli(0.3) draws: standard deviation √(10⁴·0.21) ≈ 46, so ±300 is generous.
        assertThat(zeros).isBetween(2700L, 3300L);
    }

    @ParameterizedTest(name = "batch {0} width {1}")
    @CsvSource({"1, 1", "1, 8", "4, 1", "5, 6"})
    void gradientCheckInTrainingWithAFixedMask(int batch, int width) {
        Matrix x = SeededRandom.matrix(batch, width, 21);
        // A freshly seeded generator for every forward: the same mask each time.
        GradientCheck.checkModel("dropout", Model.of(new Dropout(0.4f, width)), x, () -> training(99),
                Tolerance.FLOAT32, 23);
    }

    @ParameterizedTest(name = "batch {0} width {1}")
    @CsvSource({"1, 1", "1, 8", "4, 1", "5, 6"})
    void gradientCheckInInference(int batch, int width) {
        GradientCheck.checkModel("dropout", Model.of(new Dropout(0.4f, width)), SeededRandom.matrix(batch, width, 25),
                () -> Pass.inference(KERNELS), Tolerance.FLOAT32, 27);
    }

    @Test
    void rejectsBadRates() {
        assertThatThrownBy(() -> new Dropout(1f, 3)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Dropout(Float.NaN, 3)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Dropout(-0.1f, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
