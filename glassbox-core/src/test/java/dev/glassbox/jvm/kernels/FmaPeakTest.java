package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FmaPeakTest {
    /**
     * Two threads that take turns on one core each have a window at the full rate, never at
     * once: the peak counts what they did together, one core's worth, not two.
     */
    @Test
    void threadsTakingTurnsCountAsOneCore() {
        long[][] turns = {{100, 0, 50, 50, 0}, {0, 100, 50, 50, 100}};
        assertThat(FmaPeak.bestWindow(turns)).isEqualTo(100);
        long[][] together = {{100, 90, 100, 95, 100}, {100, 100, 99, 100, 90}};
        assertThat(FmaPeak.bestWindow(together)).isEqualTo(200);
    }

    /** Units and windows right: a rate a CPU can have (not a count, not per nanosecond), on both threads. */
    @Test
    void twoThreadsMeasureAPlausibleRate() {
        double two = FmaPeak.measureGflops(2, 200);
        assertThat(two).isFinite().isGreaterThan(1).isLessThan(2 * 2000);
    }
}
