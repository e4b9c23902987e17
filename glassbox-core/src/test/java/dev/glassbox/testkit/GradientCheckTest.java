package dev.glassbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Dense;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import dev.glassbox.testkit.GradientCheck.Model;
import dev.glassbox.testkit.GradientCheck.Tolerance;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The checker must accept right gradients and, just as important, reject wrong ones. */
class GradientCheckTest {
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    /** f(x) = Σᵢ sin(xᵢ)·xᵢ₊₁ + x₀³. */
    private static double f(double[] x) {
        double sum = x[0] * x[0] * x[0];
        for (int i = 0; i + 1 < x.length; i++) {
            sum += Math.sin(x[i]) * x[i + 1];
        }
        return sum;
    }

    /** ∂f/∂xᵢ = cos(xᵢ)·xᵢ₊₁ + sin(xᵢ₋₁) (+ 3x₀² for i = 0). */
    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        g[0] = 3 * x[0] * x[0];
        for (int i = 0; i + 1 < x.length; i++) {
            g[i] += Math.cos(x[i]) * x[i + 1];
            g[i + 1] += Math.sin(x[i]);
        }
        return g;
    }

    private static final double[] X = {0.3, -1.2, 2.0, 0.7, -0.4};

    @Test
    void numericGradientOfDoubleFunctionIsAccurateAndRestoresX() {
        double[] x = X.clone();
        double[] numeric = GradientCheck.numericGradient(GradientCheckTest::f, x, 1e-5);
        assertThat(x).containsExactly(X);
        double[] expected = gradient(X);
        for (int i = 0; i < x.length; i++) {
            Approx.assertClose("∂f/∂x" + i, numeric[i], expected[i], 1e-9);
        }
    }

    @Test
    void acceptsTheRightGradient() {
        GradientCheck.assertGradient("f", GradientCheckTest::f, X, gradient(X), Tolerance.DOUBLE);
    }

    @Test
    void rejectsAGradientScaledBy1point1() {
        double[] wrong = gradient(X);
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] *= 1.1;
        }
        assertThatThrownBy(() -> GradientCheck.assertGradient("f", GradientCheckTest::f, X, wrong, Tolerance.DOUBLE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("disagree with finite differences");
    }

    @Test
    void rejectsAGradientWithOneElementPerturbed() {
        double[] wrong = gradient(X);
        wrong[3] += 1e-3;
        assertThatThrownBy(() -> GradientCheck.assertGradient("f", GradientCheckTest::f, X, wrong, Tolerance.DOUBLE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 5")
                .hasMessageContaining("index 3");
        // Even at float32 tolerance a perturbation of 0.05 on a gradient of order 1 is caught.
        double[] alsoWrong = gradient(X);
        alsoWrong[1] += 0.05;
        assertThatThrownBy(() -> GradientCheck.assertGradient("f", GradientCheckTest::f, X, alsoWrong, Tolerance.FLOAT32))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void rejectsNaN() {
        double[] wrong = gradient(X);
        wrong[0] = Double.NaN;
        assertThatThrownBy(() -> GradientCheck.assertGradient("f", GradientCheckTest::f, X, wrong, Tolerance.DOUBLE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("index 0");
    }

    /** y = x², with a backward that claims 2.2·x·dy instead of 2·x·dy. */
    private static final class WrongSquare implements Layer {
        private Matrix input;
        private Matrix output;

        @Override
        public int inputSize() {
            return 3;
        }

        @Override
        public int outputSize() {
            return 3;
        }

        @Override
        public Matrix forward(Matrix in, Pass pass) {
            input = in.copy();
            output = Matrix.zeros(in.rows(), in.cols());
            for (int i = 0; i < in.size(); i++) {
                output.data()[i] = in.data()[i] * in.data()[i];
            }
            return output;
        }

        @Override
        public Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient) {
            Matrix dInput = Matrix.zeros(dOutput.rows(), dOutput.cols());
            for (int i = 0; i < dOutput.size(); i++) {
                dInput.data()[i] = 2.2f * input.data()[i] * dOutput.data()[i];
            }
            return dInput;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }
    }

    @Test
    void rejectsAWrongLayerInputGradient() {
        Matrix x = SeededRandom.awayFromZero(2, 3, 0.5, 1.0, 1);
        assertThatThrownBy(() -> GradientCheck.checkModel("square", Model.of(new WrongSquare()), x,
                        () -> Pass.inference(KERNELS), Tolerance.FLOAT32, 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("∂L/∂input");
    }

    @Test
    void rejectsAWrongParameterGradient() {
        Dense dense = new Dense("d", 3, 2);
        Init.XAVIER.fill(dense.weight(), new Rng(3));
        // A dense layer whose backward adds 10% too much into the weight gradient.
        Model wrong = new Model() {
            @Override
            public Matrix forward(Matrix input, Pass pass) {
                return dense.forward(input, pass);
            }

            @Override
            public Matrix backward(Matrix dOutput, Pass pass) {
                Matrix dInput = dense.backward(dOutput, pass, Layer.InputGradient.COMPUTE);
                float[] g = dense.weight().gradient().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= 1.1f;
                }
                return dInput;
            }

            @Override
            public List<Parameter> parameters() {
                return dense.parameters();
            }
        };
        Matrix x = SeededRandom.matrix(4, 3, 4);
        assertThatThrownBy(() -> GradientCheck.checkModel("dense", wrong, x, () -> Pass.inference(KERNELS),
                        Tolerance.FLOAT32, 5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("∂L/∂d.weight");
        // The unmodified layer passes, and the check leaves the weights as they were.
        float[] before = dense.weight().value().data().clone();
        GradientCheck.checkModel("dense", Model.of(dense), x, () -> Pass.inference(KERNELS), Tolerance.FLOAT32, 5);
        assertThat(dense.weight().value().data()).containsExactly(before);
    }
}
