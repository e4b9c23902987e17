package dev.glassbox.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApproxTest {

    @Test
    void passesWithinRelativePlusAbsolute() {
        // allowed = 1e-3 + 1e-2 · 100 = 1.001
        Approx.assertClose("x", 101.0, 100.0, 1e-2, 1e-3);
        Approx.assertAllClose("v", new float[] {0f, 1f}, new double[] {1e-4, 1.0}, 0, 1e-3);
    }

    @Test
    void failsOutsideToleranceAndOnNaN() {
        assertThatThrownBy(() -> Approx.assertClose("x", 101.1, 100.0, 1e-2, 1e-3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("x: expected 100.0, got 101.1");
        assertThatThrownBy(() -> Approx.assertClose("x", Double.NaN, 0, 1))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Approx.assertAllClose("v", new float[] {1f, 2f}, new double[] {1, 2.5}, 0, 1e-3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("v[1]");
    }
}
