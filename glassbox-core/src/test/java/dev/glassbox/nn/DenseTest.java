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

class DenseTest {
    private static final Kernels KERNELS = KernelChoice.create(1);
    private static final Pass PASS = Pass.inference(KERNELS);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    /** W (3, 2) = [[1, 2], [3, 4], [5, 6]], b = [0.5, −1, 0]. */
    private static Dense knownLayer() {
        Dense dense = new Dense("d", 2, 3);
        dense.weight().value().copyFrom(Matrix.of(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6}));
        dense.bias().value().copyFrom(Matrix.of(new float[] {0.5f, -1, 0}));
        return dense;
    }

    @Test
    void forwardKnownAnswer() {
        // Y = X·Wᵀ + b with X = [[1, −1], [2, 0.5]]:
        //   row 0: [1−2+0.5, 3−4−1, 5−6+0] = [−0.5, −2, −1]
        //   row 1: [2+1+0.5, 6+2−1, 10+3+0] = [3.5, 7, 13]
        Matrix y = knownLayer().forward(Matrix.of(new float[] {1, -1}, new float[] {2, 0.5f}), PASS);
        assertThat(y.data()).containsExactly(-0.5f, -2, -1, 3.5f, 7, 13);
    }

    @Test
    void backwardKnownAnswer() {
        Dense dense = knownLayer();
        dense.forward(Matrix.of(new float[] {1, -1}, new float[] {2, 0.5f}), PASS);
        Matrix dy = Matrix.of(new float[] {1, 0, -1}, new float[] {0.5f, 2, 0});
        Matrix dx = dense.backward(dy, PASS, Layer.InputGradient.COMPUTE);
        // dW(o, i) = Σ_b dY(b, o)·X(b, i):
        //   o=0: 1·[1, −1] + 0.5·[2, 0.5] = [2, −0.75]
        //   o=1: 0·[1, −1] + 2·[2, 0.5]   = [4, 1]
        //   o=2: −1·[1, −1] + 0·[2, 0.5]  = [−1, 1]
        assertThat(dense.weight().gradient().data()).containsExactly(2, -0.75f, 4, 1, -1, 1);
        // db = Σ_b dY = [1.5, 2, −1]
        assertThat(dense.bias().gradient().data()).containsExactly(1.5f, 2, -1);
        // dX = dY·W: row 0: 1·[1, 2] − 1·[5, 6] = [−4, −4]; row 1: 0.5·[1, 2] + 2·[3, 4] = [6.5, 9]
        assertThat(dx.data()).containsExactly(-4, -4, 6.5f, 9);
    }

    @Test
    void gradientsAccumulateAndSkipStillFillsParameters() {
        Dense dense = knownLayer();
        Matrix x = Matrix.of(new float[] {1, -1}, new float[] {2, 0.5f});
        Matrix dy = Matrix.of(new float[] {1, 0, -1}, new float[] {0.5f, 2, 0});
        dense.forward(x, PASS);
        dense.backward(dy, PASS, Layer.InputGradient.COMPUTE);
        dense.forward(x, PASS);
        assertThat(dense.backward(dy, PASS, Layer.InputGradient.SKIP)).isNull();
        // Two backward calls: twice the known answers above.
        assertThat(dense.weight().gradient().data()).containsExactly(4, -1.5f, 8, 2, -2, 2);
        assertThat(dense.bias().gradient().data()).containsExactly(3, 4, -2);
    }

    @ParameterizedTest(name = "batch {0}, {1}→{2}")
    @CsvSource({"1, 1, 1", "1, 4, 3", "3, 1, 2", "2, 3, 1", "5, 7, 4"})
    void gradientCheck(int batch, int in, int out) {
        Dense dense = new Dense("d", in, out);
        Init.XAVIER.fill(dense.weight(), new Rng(batch * 100 + in * 10 + out));
        dense.bias().value().copyFrom(SeededRandom.matrix(1, out, 7));
        GradientCheck.checkModel(dense.toString(), Model.of(dense), SeededRandom.matrix(batch, in, 11), () -> PASS,
                Tolerance.FLOAT32, 13);
    }

    @Test
    void rejectsWrongInputWidthAndBackwardBeforeForward() {
        Dense dense = new Dense("d", 4, 2);
        assertThatThrownBy(() -> dense.backward(Matrix.zeros(1, 2), PASS, Layer.InputGradient.COMPUTE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
        assertThatThrownBy(() -> dense.forward(Matrix.zeros(1, 5), PASS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Dense(4→2).forward: input has 5 columns, expected 4");
        assertThatThrownBy(() -> new Dense("d", 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
