package dev.glassbox.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void nextLongIsSplitMix64() {
        // The reference implementation's first outputs from state 0 (Vigna's splitmix64.c).
        Rng random = new Rng(0);
        assertThat(random.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(random.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(random.nextLong()).isEqualTo(0x06c45d188009454fL);
    }

    @Test
    void aSavedStateContinuesExactly() {
        Rng random = new Rng(123);
        for (int i = 0; i < 5; i++) {
            random.nextGaussian();
        }
        Rng restored = new Rng(0);
        restored.setState(random.state());
        for (int i = 0; i < 100; i++) {
            assertThat(restored.nextLong()).isEqualTo(random.nextLong());
            assertThat(restored.nextGaussian()).isEqualTo(random.nextGaussian());
            assertThat(restored.nextInt(1000)).isEqualTo(random.nextInt(1000));
        }
    }

    @Test
    void splitStreamsDifferFromEachOtherAndTheParent() {
        Rng parent = new Rng(7);
        Rng a = parent.split();
        Rng b = parent.split();
        long[] fromA = new long[50];
        long[] fromB = new long[50];
        long[] fromParent = new long[50];
        for (int i = 0; i < 50; i++) {
            fromA[i] = a.nextLong();
            fromB[i] = b.nextLong();
            fromParent[i] = parent.nextLong();
        }
        assertThat(fromA).doesNotContain(fromB).doesNotContain(fromParent);
        assertThat(fromB).doesNotContain(fromParent);
        Rng again = new Rng(7);
        assertThat(again.split().nextLong()).as("split is seeded, not random").isEqualTo(fromA[0]);
    }

    @Test
    void uniformDrawsUseTheTopBits() {
        // All ones gives the largest value below 1; all zeros gives 0.
        assertThat(topBits(-1L)).isEqualTo(1 - 0x1.0p-53);
        Rng random = new Rng(99);
        for (int i = 0; i < 10_000; i++) {
            long state = random.state();
            double d = random.nextDouble();
            random.setState(state);
            float f = random.nextFloat();
            random.setState(state);
            long bits = random.nextLong();
            assertThat(d).isEqualTo((bits >>> 11) * 0x1.0p-53).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(f).isEqualTo((bits >>> 40) * 0x1.0p-24f).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    private static double topBits(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    @Test
    void boundedIntsAreInRangeAndEvenlySpread() {
        Rng random = new Rng(5);
        for (int bound : new int[] {1, 2, 3, 7, 10, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 1000; i++) {
                assertThat(random.nextInt(bound)).isBetween(0, bound - 1);
            }
        }
        // Chi-squared over 10 bins, 100 000 draws: 9 degrees of freedom, 27.9 is the 0.1% point.
        int[] counts = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(10)]++;
        }
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
        }
        assertThat(chi2).isLessThan(27.9);
    }

    @Test
    void boundedIntsHaveNoModuloBias() {
        // bound = 3·2²⁹: 32 random bits mod bound would land below 2³⁰ three ways in eight
        // (2³² = 2·bound + 2³⁰), 75% of the draws instead of 2/3. The rejection removes the excess.
        int bound = 3 << 29;
        Rng random = new Rng(11);
        int n = 300_000;
        int belowTwoToThe30 = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(bound) < 1 << 30) {
                belowTwoToThe30++;
            }
        }
        assertThat(belowTwoToThe30 / (double) n).isCloseTo(2 / 3.0, offset(0.005));
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new Rng(1).nextInt(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound must be positive, got 0");
    }

    @Test
    void gaussianHasTheNormalsMoments() {
        // 400 000 draws: mean 0 ± 0.005 (≈3 standard errors), variance 1, skew 0, kurtosis 3, and
        // 4.55% beyond ±2.
        Rng random = new Rng(2024);
        int n = 400_000;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        int beyondTwo = 0;
        for (int i = 0; i < n; i++) {
            double g = random.nextGaussian();
            s1 += g;
            s2 += g * g;
            s3 += g * g * g;
            s4 += g * g * g * g;
            beyondTwo += Math.abs(g) > 2 ? 1 : 0;
        }
        assertThat(s1 / n).isBetween(-0.005, 0.005);
        assertThat(s2 / n).isBetween(0.99, 1.01);
        assertThat(s3 / n).isBetween(-0.02, 0.02);
        assertThat(s4 / n).isBetween(2.95, 3.05);
        assertThat(beyondTwo / (double) n).isBetween(0.0445, 0.0465);
    }

    @Test
    void gaussianIsPinned() {
        // The exact bits every host must reproduce. An independent Python version of the same
        // steps (integer SplitMix64, the polar method, the C library's log) gives these too.
        Rng random = new Rng(42);
        StringBuilder drawn = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            drawn.append(Double.toHexString(random.nextGaussian())).append(' ');
        }
        assertThat(drawn.toString().trim()).isEqualTo("0x1.f8c80e851c08cp-2 -0x1.47f4af60c7f94p0 -0x1.342959c9fa344p-1"
                + " -0x1.8ad8264f1e64dp0 -0x1.73962f43d35a8p0 0x1.f0006370cf65ap0");
    }

}
