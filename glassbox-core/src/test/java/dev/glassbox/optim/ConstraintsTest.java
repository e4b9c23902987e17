package dev.glassbox.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    private static Parameter withGradient(String name, float... g) {
        Parameter p = Parameter.zeros(name, 1, g.length, Parameter.Kind.WEIGHT);
        p.gradient().copyFrom(Matrix.of(g));
        return p;
    }

    @Test
    void clipGradientNormScalesAllParametersTogether() {
        // Gradients [3] and [4] together have norm √(9 + 16) = 5; clipping to 1 scales by 1/5.
        Parameter a = withGradient("a", 3);
        Parameter b = withGradient("b", 4);
        double norm = Constraints.clipGradientNorm(List.of(a, b), 1);
        Approx.assertClose("norm before", norm, 5, 1e-12);
        Approx.assertAllClose("a", a.gradient().data(), new double[] {0.6}, 1e-6, 0);
        Approx.assertAllClose("b", b.gradient().data(), new double[] {0.8}, 1e-6, 0);
    }

    @Test
    void clipGradientNormLeavesSmallAndZeroGradients() {
        // [0.3, 0.4] has norm 0.5 ≤ 1: unchanged.
        Parameter small = withGradient("s", 0.3f, 0.4f);
        Approx.assertClose("norm", Constraints.clipGradientNorm(List.of(small), 1), 0.5, 1e-7);
        assertThat(small.gradient().data()).containsExactly(0.3f, 0.4f);
        Parameter zero = withGradient("z", 0, 0);
        assertThat(Constraints.clipGradientNorm(List.of(zero), 0)).isZero();
        assertThat(zero.gradient().data()).containsExactly(0, 0);
    }

    @Test
    void maxNormRescalesEachWeightRowAndSkipsBiases() {
        // Rows [3, 4] (norm 5) → [0.6, 0.8]; [0.3, 0.4] (norm 0.5) stays; the bias [3, 4] is not a weight.
        Parameter weight = Parameter.zeros("w", 2, 2, Parameter.Kind.WEIGHT);
        weight.value().copyFrom(Matrix.of(new float[] {3, 4}, new float[] {0.3f, 0.4f}));
        Parameter bias = Parameter.zeros("b", 1, 2, Parameter.Kind.BIAS);
        bias.value().copyFrom(Matrix.of(new float[] {3, 4}));
        Constraints.applyMaxNorm(List.of(weight, bias), 1);
        Approx.assertAllClose("w", weight.value().data(), new double[] {0.6, 0.8, 0.3, 0.4}, 1e-6, 0);
        assertThat(bias.value().data()).containsExactly(3, 4);
    }
}
