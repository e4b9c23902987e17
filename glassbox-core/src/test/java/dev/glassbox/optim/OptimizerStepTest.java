package dev.glassbox.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One or two steps of each update rule on a 1×2 parameter, worked by hand. */
class OptimizerStepTest {
    private static final double TOLERANCE = 1e-6;

    private static Parameter parameter(Parameter.Kind kind, float w0, float w1) {
        Parameter p = Parameter.zeros(kind == Parameter.Kind.WEIGHT ? "w" : "b", 1, 2, kind);
        p.value().copyFrom(Matrix.of(new float[] {w0, w1}));
        return p;
    }

    private static void step(Optimizer optimizer, Parameter p, float g0, float g1, float rate) {
        p.gradient().copyFrom(Matrix.of(new float[] {g0, g1}));
        optimizer.step(List.of(p), rate);
    }

    private static void assertValues(Parameter p, double w0, double w1) {
        Approx.assertAllClose(p.name(), p.value().data(), new double[] {w0, w1}, 0, TOLERANCE);
    }

    @Test
    void sgd() {
        // w = [1, −2], g = [0.5, 0.25], η = 0.1: w − ηg = [0.95, −2.025]
        Parameter p = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Optimizer sgd = OptimizerConfig.of(OptimizerConfig.Kind.SGD).create();
        step(sgd, p, 0.5f, 0.25f, 0.1f);
        assertValues(p, 0.95, -2.025);
        assertThat(p.gradient().data()).as("gradients are not modified").containsExactly(0.5f, 0.25f);
    }

    @Test
    void momentum() {
        // μ = 0.9, η = 0.1, g = [0.5, 0.25] twice:
        // step 1: v = g = [0.5, 0.25];            w = [1, −2] − 0.1·v = [0.95, −2.025]
        // step 2: v = 0.9·v + g = [0.95, 0.475];  w = [0.95 − 0.095, −2.025 − 0.0475] = [0.855, −2.0725]
        Parameter p = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Optimizer momentum = OptimizerConfig.of(OptimizerConfig.Kind.MOMENTUM).create();
        step(momentum, p, 0.5f, 0.25f, 0.1f);
        assertValues(p, 0.95, -2.025);
        step(momentum, p, 0.5f, 0.25f, 0.1f);
        assertValues(p, 0.855, -2.0725);
    }

    @Test
    void nesterov() {
        // μ = 0.9, η = 0.1, g = [0.5, 0.25] twice; w −= η(g + μv):
        // step 1: v = g;             g + μv = 1.9g = [0.95, 0.475];    w = [0.905, −2.0475]
        // step 2: v = 0.9g + g = 1.9g; g + μv = 2.71g = [1.355, 0.6775]; w = [0.7695, −2.11525]
        Parameter p = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Optimizer nesterov = OptimizerConfig.of(OptimizerConfig.Kind.NESTEROV).create();
        step(nesterov, p, 0.5f, 0.25f, 0.1f);
        assertValues(p, 0.905, -2.0475);
        step(nesterov, p, 0.5f, 0.25f, 0.1f);
        assertValues(p, 0.7695, -2.11525);
    }

    @Test
    void adam() {
        // β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 0.1, w = [1, −2].
        // Step 1, g = [0.5, −0.25]: m = 0.1g, v = 0.001g², m̂ = m/0.1 = g, v̂ = v/0.001 = g²,
        //   so the step is η·g/(|g| + ε) ≈ η·sign(g): w = [0.9, −1.9].
        Parameter p = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Optimizer adam = OptimizerConfig.of(OptimizerConfig.Kind.ADAM).create();
        step(adam, p, 0.5f, -0.25f, 0.1f);
        assertValues(p, 0.9, -1.9);
        // Step 2, g = [0.5, 0.5]; bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999.
        //   w0: m = 0.09·0.5... = 0.095, m̂ = 0.5; v = 0.00049975, v̂ = 0.25; step 0.1·0.5/0.5 → 0.8
        //   w1: m = 0.9·(−0.025) + 0.1·0.5 = 0.0275, m̂ = 0.144737;
        //       v = 0.999·6.25e-5 + 0.001·0.25 = 3.124375e-4, v̂ = 0.156297, √v̂ = 0.395344;
        //       w1 = −1.9 − 0.1·0.144737/0.395344 = −1.9 − 0.0366104 = −1.9366104
        step(adam, p, 0.5f, 0.5f, 0.1f);
        assertValues(p, 0.8, -1.9366104);
    }

    @Test
    void adamWDecaysWeightsButNotBiases() {
        // λ = 0.1, η = 0.1: weights first shrink by 1 − ηλ = 0.99, then the Adam step ≈ η·sign(g):
        //   weight: [0.99·1 − 0.1, 0.99·(−2) + 0.1] = [0.89, −1.88];  bias: [0.9, −1.9]
        OptimizerConfig config = OptimizerConfig.of(OptimizerConfig.Kind.ADAMW).withWeightDecay(0.1f);
        Parameter weight = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Parameter bias = parameter(Parameter.Kind.BIAS, 1, -2);
        weight.gradient().copyFrom(Matrix.of(new float[] {0.5f, -0.25f}));
        bias.gradient().copyFrom(Matrix.of(new float[] {0.5f, -0.25f}));
        config.create().step(List.of(weight, bias), 0.1f);
        assertValues(weight, 0.89, -1.88);
        assertValues(bias, 0.9, -1.9);
    }

    @Test
    void adamL2DecayEntersTheGradientOfWeightsOnly() {
        // λ = 0.1, w = [1, −2], g = [−0.05, 0.25]: the weight's g + λw = [0.05, 0.05] flips the sign
        // of the first element, so the ≈ η·sign step moves it down: weight [0.9, −2.1].
        // The bias keeps g: [1 + 0.1, −2 − 0.1] = [1.1, −2.1].
        OptimizerConfig config = OptimizerConfig.of(OptimizerConfig.Kind.ADAM).withWeightDecay(0.1f);
        Parameter weight = parameter(Parameter.Kind.WEIGHT, 1, -2);
        Parameter bias = parameter(Parameter.Kind.BIAS, 1, -2);
        weight.gradient().copyFrom(Matrix.of(new float[] {-0.05f, 0.25f}));
        bias.gradient().copyFrom(Matrix.of(new float[] {-0.05f, 0.25f}));
        config.create().step(List.of(weight, bias), 0.1f);
        assertValues(weight, 0.9, -2.1);
        assertValues(bias, 1.1, -2.1);
    }

    @Test
    void sgdAndMomentumDecayWeightsButNotBiases() {
        // λ = 0.1, w = [1, −2], g = [0.5, 0.25]: weight g + λw = [0.6, 0.05] → w − 0.1·that = [0.94, −2.005];
        // bias g unchanged → [0.95, −2.025]. On the first step momentum's v is that same g.
        for (OptimizerConfig.Kind kind : new OptimizerConfig.Kind[] {OptimizerConfig.Kind.SGD, OptimizerConfig.Kind.MOMENTUM}) {
            Optimizer optimizer = OptimizerConfig.of(kind).withWeightDecay(0.1f).create();
            Parameter weight = parameter(Parameter.Kind.WEIGHT, 1, -2);
            Parameter bias = parameter(Parameter.Kind.BIAS, 1, -2);
            weight.gradient().copyFrom(Matrix.of(new float[] {0.5f, 0.25f}));
            bias.gradient().copyFrom(Matrix.of(new float[] {0.5f, 0.25f}));
            optimizer.step(List.of(weight, bias), 0.1f);
            assertValues(weight, 0.94, -2.005);
            assertValues(bias, 0.95, -2.025);
        }
    }

    @Test
    void stateIsKeptByPositionAndSizeChangesAreRejected() {
        Optimizer momentum = OptimizerConfig.of(OptimizerConfig.Kind.MOMENTUM).create();
        momentum.step(List.of(parameter(Parameter.Kind.WEIGHT, 1, 2)), 0.1f);
        Parameter wider = Parameter.zeros("w", 1, 3, Parameter.Kind.WEIGHT);
        assertThatThrownBy(() -> momentum.step(List.of(wider), 0.1f))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed size");
    }

    @Test
    void configValidationAndNames() {
        assertThat(OptimizerConfig.of("adamw").kind()).isEqualTo(OptimizerConfig.Kind.ADAMW);
        assertThatThrownBy(() -> OptimizerConfig.of("rmsprop")).hasMessageContaining("Known: sgd, momentum, nesterov, adam, adamw");
        assertThatThrownBy(() -> OptimizerConfig.of(OptimizerConfig.Kind.MOMENTUM).withMomentum(1f))
                .hasMessageContaining("momentum must be in [0.0, 1.0)");
        assertThatThrownBy(() -> OptimizerConfig.of(OptimizerConfig.Kind.ADAM).withWeightDecay(-1f))
                .hasMessageContaining("weight decay");
        assertThat(OptimizerConfig.of(OptimizerConfig.Kind.ADAM).create().toString())
                .isEqualTo("adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=0.0]");
    }
}
