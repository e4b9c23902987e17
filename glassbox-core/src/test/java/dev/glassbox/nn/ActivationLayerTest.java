package dev.glassbox.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.GradientCheck.Model;
import dev.glassbox.testkit.GradientCheck.Tolerance;
import dev.glassbox.testkit.SeededRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationLayerTest {
    private static final Kernels KERNELS = KernelChoice.create(1);
    private static final Pass PASS = Pass.inference(KERNELS);
    private static final float LN2 = (float) Math.log(2);
    private static final float LN3 = (float) Math.log(3);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    /** Activation, inputs x, expected f(x), expected f'(x). */
    static Stream<Arguments> knownAnswers() {
        return Stream.of(
                // σ(0) = 1/2; σ(ln 3) = 1/(1 + 1/3) = 3/4; σ(−ln 3) = 1/4; σ' = σ(1 − σ) = 1/4, 3/16, 3/16
                Arguments.of(Activation.SIGMOID, new float[] {0, LN3, -LN3},
                        new double[] {0.5, 0.75, 0.25}, new double[] {0.25, 0.1875, 0.1875}),
                // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 0.6; tanh' = 1 − tanh² = 1, 0.64, 0.64
                Arguments.of(Activation.TANH, new float[] {0, LN2, -LN2},
                        new double[] {0, 0.6, -0.6}, new double[] {1, 0.64, 0.64}),
                // max(0, x); the derivative at exactly 0 is taken as 0
                Arguments.of(Activation.RELU, new float[] {-2, 3, 0},
                        new double[] {0, 3, 0}, new double[] {0, 1, 0}),
                // 0.01·x for x ≤ 0: −2 → −0.02; slope 0.01 at and below 0
                Arguments.of(Activation.LEAKY_RELU, new float[] {-2, 3, 0},
                        new double[] {-0.02, 3, 0}, new double[] {0.01, 1, 0.01}),
                // u(1) = √(2/π)·1.044715 = 0.833562, tanh(u) = 0.682384, ½·1·(1 + 0.682384) = 0.841192;
                // GELU(−1) = −1 + GELU(1) = −0.158808 (odd part is x/2); GELU'(0) = ½;
                // GELU'(1) = ½(1.682384) + ½(1 − 0.682384²)·0.797885·(1 + 3·0.044715) = 1.082964
                Arguments.of(Activation.GELU, new float[] {0, 1, -1},
                        new double[] {0, 0.8411920, -0.1588080}, new double[] {0.5, 1.0829641, -0.0829641}),
                // x·Φ(x): Φ(1) = 0.8413447461 (the normal table), Φ(−1) = 0.1586552539; φ(1) = e^(−½)/√(2π)
                // = 0.2419707245; GELU'(x) = Φ(x) + x·φ(x): ½ at 0, 1.0833154706 at 1, −0.0833154706 at −1
                Arguments.of(Activation.GELU_EXACT, new float[] {0, 1, -1},
                        new double[] {0, 0.8413447461, -0.1586552539}, new double[] {0.5, 1.0833154706, -0.0833154706}),
                Arguments.of(Activation.IDENTITY, new float[] {-2, 3, 0},
                        new double[] {-2, 3, 0}, new double[] {1, 1, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownAnswers")
    void knownAnswer(Activation activation, float[] x, double[] y, double[] slope) {
        ActivationLayer layer = new ActivationLayer(activation, x.length);
        Matrix out = layer.forward(Matrix.wrap(1, x.length, x.clone()), PASS);
        Approx.assertAllClose(activation + " f(x)", out.data(), y, 1e-6, 1e-7);
        // dx = dy · f'(x), with dy = [1, −2, 0.5] to show the multiplication by dy.
        float[] dy = {1, -2, 0.5f};
        Matrix dx = layer.backward(Matrix.wrap(1, 3, dy), PASS, Layer.InputGradient.COMPUTE);
        double[] expected = {slope[0] * dy[0], slope[1] * dy[1], slope[2] * dy[2]};
        Approx.assertAllClose(activation + " dx", dx.data(), expected, 1e-6, 1e-7);
    }

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Activation a : Activation.values()) {
            for (int[] shape : new int[][] {{1, 1}, {1, 5}, {4, 1}, {3, 6}}) {
                all.add(Arguments.of(a, shape[0], shape[1]));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} batch {1} width {2}")
    @MethodSource("shapes")
    void gradientCheck(Activation activation, int batch, int width) {
        // |x| ≥ 0.1 keeps every x further than the step 2⁻⁷ from the ReLU kink at 0.
        Matrix x = SeededRandom.awayFromZero(batch, width, 0.1, 2.0, batch * 10L + width);
        GradientCheck.checkModel(activation.specName(), Model.of(new ActivationLayer(activation, width)), x,
                () -> PASS, Tolerance.FLOAT32, 17);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void specNamesRoundTrip(Activation activation) {
        assertThat(Activation.byName(activation.specName())).isEqualTo(activation);
        assertThat(Activation.byName(activation.name())).isEqualTo(activation);
    }
}
