package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The attribution maps are true gradients of an output's score, and integrated gradients add up. */
class AttributionTest {
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    private static Network network(String spec, long seed) {
        return TestNetworks.withBiases(spec, seed);
    }

    private static Explainer explainer(Network network) {
        return TestNetworks.explainer(network);
    }

    private static float[] pixels(int n, long seed) {
        return TestNetworks.pixels(n, seed);
    }

    /** S(x) = the network's score (logit) for {@code target}, read back in double. */
    private static GradientCheck.Objective score(Network network, int target) {
        return x -> network.predict(Matrix.wrap(1, x.length, GradientCheck.toFloat(x)), KERNELS).get(0, target);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theGradientIsTheScoresFiniteDifferences(Activation activation) {
        String a = activation.specName();
        Network network = network("6-5-" + a + "-4-" + a + "-3", 21);
        float[] x = pixels(6, 22);
        for (int target = 0; target < 3; target++) {
            Attribution attribution = explainer(network).attribution(x, target);
            GradientCheck.assertGradient(a + " ∂score_" + target + "/∂input", score(network, target),
                    GradientCheck.toDouble(x), GradientCheck.toDouble(attribution.maps().gradient()),
                    GradientCheck.Tolerance.FLOAT32);
        }
    }

    @Test
    void theGradientIsTheScoresFiniteDifferencesWithDropoutAndOneInput() {
        Network network = network("1-4-tanh-dropout0.5-2", 23); // dropout passes values through at inference
        float[] x = {0.7f};
        Attribution attribution = explainer(network).attribution(x, 1);
        GradientCheck.assertGradient("∂score_1/∂input", score(network, 1), GradientCheck.toDouble(x),
                GradientCheck.toDouble(attribution.maps().gradient()), GradientCheck.Tolerance.FLOAT32);
    }

    @Test
    void theCheckRejectsTheGradientOfAnotherOutput() {
        Network network = network("6-5-tanh-4-sigmoid-3", 24);
        float[] x = pixels(6, 25);
        float[] other = explainer(network).attribution(x, 2).maps().gradient();
        assertThatThrownBy(() -> GradientCheck.assertGradient("∂score_1/∂input", score(network, 1),
                        GradientCheck.toDouble(x), GradientCheck.toDouble(other), GradientCheck.Tolerance.FLOAT32))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void gradientTimesInputIsTheProductElementwise() {
        Network network = network("8-6-relu-5-gelu-4", 26);
        float[] x = pixels(8, 27);
        Attribution attribution = explainer(network).attribution(x, 3);
        float[] gradient = attribution.maps().gradient();
        float[] product = attribution.maps().gradientTimesInput();
        for (int i = 0; i < x.length; i++) {
            assertThat(product[i]).as("input %d", i).isEqualTo(gradient[i] * x[i]);
        }
    }

    /**
     * The plain Riemann sum, with a reference that shares no code with the engine's backward pass:
     * xᵢ · (1/m) Σₖ ∂S/∂xᵢ((k + ½)/m · x), each gradient by centred finite differences in double.
     */
    private static double[] midpointSum(Network network, float[] x, int target, int m) {
        double[] sum = new double[x.length];
        for (int k = 0; k < m; k++) {
            double alpha = (k + 0.5) / m;
            double[] point = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                point[i] = (float) (alpha * x[i]); // the point the engine evaluates, as a float
            }
            double[] g = GradientCheck.numericGradient(score(network, target), point, 0x1p-9);
            for (int i = 0; i < x.length; i++) {
                sum[i] += x[i] * g[i] / m;
            }
        }
        return sum;
    }

    /** A smooth score's gradient changes little within a step: no step is halved, and the sum is the plain one. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIGMOID", "GELU"})
    void smoothScoresTakeTheMidpointSumOfSixtyFourEqualSteps(Activation activation) {
        String a = activation.specName();
        Network network = network("5-6-" + a + "-4-" + a + "-3", 28);
        float[] x = pixels(5, 29);
        Attribution attribution = explainer(network).attribution(x, 1);
        assertThat(attribution.completeness().steps()).isEqualTo(Attribution.STEPS);
        Approx.assertAllClose(a + " integrated", attribution.maps().integrated(),
                midpointSum(network, x, 1, Attribution.STEPS), 1e-2, 2e-3);
    }

    /**
     * A ReLU network's gradient jumps along the path, so steps holding a jump are halved: the
     * result is the integral itself, as a plain sum of 4096 steps gives it, and adds up.
     */
    @Test
    void stepsHoldingARelusSwitchAreHalvedUntilTheyAddUp() {
        Network network = network("5-24-relu-16-relu-3", 36);
        float[] x = pixels(5, 37);
        boolean halved = false;
        for (int target = 0; target < 3; target++) {
            Attribution attribution = explainer(network).attribution(x, target);
            Attribution.Completeness c = attribution.completeness();
            halved |= c.steps() > Attribution.STEPS;
            Approx.assertAllClose("relu integrated, target " + target, attribution.maps().integrated(),
                    midpointSum(network, x, target, 4096), 1e-2, 2e-3);
            assertThat(c.relativeGap()).as("target %d", target).isLessThan(1e-2);
        }
        assertThat(halved).as("some step was halved").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIGMOID", "GELU", "GELU_EXACT", "IDENTITY"})
    void integratedGradientsAddUpToTheScoreDifferenceForSmoothActivations(Activation activation) {
        String a = activation.specName();
        Network network = network("20-12-" + a + "-8-" + a + "-4", 30);
        float[] x = pixels(20, 31);
        for (int target = 0; target < 4; target++) {
            Attribution attribution = explainer(network).attribution(x, target);
            Attribution.Completeness c = attribution.completeness();
            float[] logits = network.predict(Matrix.wrap(1, 20, x.clone()), KERNELS).data();
            float[] atZero = network.predict(Matrix.zeros(1, 20), KERNELS).data();
            assertThat(c.score()).isEqualTo(logits[target]);
            assertThat(c.baselineScore()).isEqualTo(atZero[target]);
            assertThat(attribution.scores()).containsExactly(logits);
            assertThat(c.steps()).isGreaterThanOrEqualTo(Attribution.STEPS);
            double sum = 0;
            for (float v : attribution.maps().integrated()) {
                sum += v;
            }
            assertThat(c.attributionSum()).isEqualTo(sum);
            // The midpoint rule's error is m⁻² · S''' / 24: far below 1e-3 for these smooth scores.
            assertThat(c.gap()).as(a + " target " + target).isLessThan(1e-3 * Math.abs(c.difference()) + 1e-5);
        }
    }

    /**
     * A network small enough to follow by hand: inputs x = (1, 0.5), two ReLU neurons, and the
     * score of output 0.
     *
     * <pre>
     *   h₁ = relu( 2·x₁ − 1·x₂ + 0)   = relu(1.5) = 1.5
     *   h₂ = relu( 1·x₁ + 2·x₂ − 1)   = relu(1)   = 1
     *   S  = 1·h₁ + 3·h₂ + 0.25       = 4.75          (output 1: −1·h₁ + 1·h₂ + 0 = −0.5)
     *   S(0) = 0 + 0 + 0.25 = 0.25 (h₂'s sum is −1 there: off)
     *
     *   gradient: ∂S/∂x = 1·(2, −1) + 3·(1, 2) = (5, 5)          both neurons on at x
     *   gradient × input = (5·1, 5·0.5) = (5, 2.5)
     *
     *   along α·x: h₁'s sum is 1.5α (on for α &gt; 0), h₂'s is 2α − 1 (on for α &gt; 0.5), so
     *   ∂S/∂x = (2, −1) for α &lt; 0.5 and (5, 5) for α &gt; 0.5, and
     *   IG = x ⊙ (0.5·(2, −1) + 0.5·(5, 5)) = (1, 0.5) ⊙ (3.5, 2) = (3.5, 1)
     *   Σ IG = 4.5 = S(x) − S(0) = 4.75 − 0.25: completeness holds exactly.
     * </pre>
     *
     * With 64 midpoints, 32 fall below α = 0.5 and 32 above, so the sum is exact too, and no step
     * needs halving: each step's estimate equals its score change. (The
     * trapezoid rule would look at α = 0, where h₁'s sum is exactly 0 and ReLU' is 0, and at
     * α = 0.5, where h₂'s is: it would give (3.46, 0.98).)
     */
    @Test
    void aTinyNetworkByHand() {
        Network network = NetworkSpec.parse("2-2-relu-2").build(1);
        List<Parameter> p = network.parameters();
        p.get(0).value().copyFrom(Matrix.of(new float[] {2, -1}, new float[] {1, 2}));
        p.get(1).value().copyFrom(Matrix.of(new float[] {0, -1}));
        p.get(2).value().copyFrom(Matrix.of(new float[] {1, 3}, new float[] {-1, 1}));
        p.get(3).value().copyFrom(Matrix.of(new float[] {0.25f, 0}));

        Attribution attribution = explainer(network).attribution(new float[] {1, 0.5f}, 0);
        assertThat(attribution.scores()).containsExactly(4.75f, -0.5f);
        assertThat(attribution.predicted()).isZero();
        assertThat(attribution.maps().gradient()).containsExactly(5f, 5f);
        assertThat(attribution.maps().gradientTimesInput()).containsExactly(5f, 2.5f);
        Approx.assertAllClose("integrated", attribution.maps().integrated(), new float[] {3.5f, 1f}, 1e-6, 1e-6);
        Attribution.Completeness c = attribution.completeness();
        assertThat(c.score()).isEqualTo(4.75);
        assertThat(c.baselineScore()).isEqualTo(0.25);
        assertThat(c.difference()).isEqualTo(4.5);
        assertThat(c.attributionSum()).isCloseTo(4.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.relativeGap()).isLessThan(1e-6);
        assertThat(c.steps()).as("no step holds a switch that its midpoint misses").isEqualTo(Attribution.STEPS);
    }

    @Test
    void theRelativeGapIsAFractionOfTheScoreDifference() {
        assertThat(new Attribution.Completeness(9, 12, 2, 64).relativeGap()).isEqualTo(0.1);
        assertThat(new Attribution.Completeness(-1, 2, 2, 64).relativeGap()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Attribution.Completeness(0, 2, 2, 64).relativeGap()).isZero();
    }

    @Test
    void leavesTheExplainersNetworkAsItWas() {
        Network network = network("6-5-relu-4-relu-3", 32);
        Explainer explainer = explainer(network);
        float[] x = pixels(6, 33);
        BackpropTrace before = explainer.backprop(x, 1, OptimizerConfig.of("sgd"), 0.1f);
        explainer.attribution(x, 2);
        explainer.nudge(x, 0, Nudge.Range.pixels(6), 6);
        BackpropTrace after = explainer.backprop(x, 1, OptimizerConfig.of("sgd"), 0.1f);
        for (int p = 0; p < before.parameters().size(); p++) {
            assertThat(after.parameters().get(p).gradient()).isEqualTo(before.parameters().get(p).gradient());
            assertThat(after.parameters().get(p).value()).isEqualTo(before.parameters().get(p).value());
        }
        for (Parameter p : explainer.network().parameters()) {
            for (float g : p.gradient().data()) {
                assertThat(g).isZero();
            }
        }
    }

    @Test
    void theResultCannotBeChanged() {
        Attribution attribution = explainer(network("3-2", 34)).attribution(new float[] {0.1f, 0.2f, 0.3f}, 1);
        attribution.input()[0] = 9;
        attribution.scores()[0] = 9;
        attribution.maps().gradient()[0] = 9;
        attribution.maps().integrated()[0] = 9;
        assertThat(attribution.input()[0]).isEqualTo(0.1f);
        assertThat(attribution.scores()[0]).isNotEqualTo(9f);
        assertThat(attribution.maps().gradient()[0]).isNotEqualTo(9f);
        assertThat(attribution.maps().integrated()[0]).isNotEqualTo(9f);
    }

    @Test
    void rejectsBadTargetsAndInputs() {
        Explainer explainer = explainer(network("6-5-relu-3", 35));
        assertThatThrownBy(() -> explainer.attribution(new float[6], 3))
                .hasMessage("Explainer.attribution: target 3 is outside 0..2");
        assertThatThrownBy(() -> explainer.attribution(new float[6], -1)).hasMessageContaining("target -1");
        assertThatThrownBy(() -> explainer.attribution(new float[5], 0))
                .hasMessageContaining("expected 6 input values, got 5");
        float[] nan = new float[6];
        nan[4] = Float.NaN;
        assertThatThrownBy(() -> explainer.attribution(nan, 0)).hasMessageContaining("input value 4 is NaN");
    }
}
