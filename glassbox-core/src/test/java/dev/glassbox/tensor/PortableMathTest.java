package dev.glassbox.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine's own transcendental functions against {@link StrictMath} (fdlibm, the JDK's
 * reproducible definitions): within a few ulp over a million arguments each, and the special
 * values exactly.
 */
class PortableMathTest {
    private static final int SAMPLES = 1_000_000;

    /** The largest difference in ulps of the expected value, over {@code SAMPLES} uniform arguments in [low, high]. */
    private static double worstUlps(DoubleUnaryOperator ours, DoubleUnaryOperator reference, double low, double high,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = low + (high - low) * random.nextDouble();
            double expected = reference.applyAsDouble(x);
            double actual = ours.applyAsDouble(x);
            double ulps = expected == actual ? 0 : Math.abs(actual - expected) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        return worst;
    }

    @Test
    void expIsWithinOneUlp() {
        assertThat(worstUlps(PortableMath::exp, StrictMath::exp, -745, 709.7, 1)).isLessThanOrEqualTo(1);
        assertThat(worstUlps(PortableMath::exp, StrictMath::exp, -1, 1, 2)).isLessThanOrEqualTo(1);
        assertThat(worstUlps(PortableMath::expm1, StrictMath::expm1, -1, 1, 3)).isLessThanOrEqualTo(2);
        assertThat(worstUlps(PortableMath::expm1, StrictMath::expm1, -1e-6, 1e-6, 4)).isLessThanOrEqualTo(2);
    }

    @Test
    void logIsWithinOneUlp() {
        assertThat(worstUlps(PortableMath::log, StrictMath::log, 0, 10, 5)).isLessThanOrEqualTo(1);
        assertThat(worstUlps(PortableMath::log, StrictMath::log, 0.5, 2, 6)).isLessThanOrEqualTo(1);
        assertThat(worstUlps(PortableMath::log, StrictMath::log, 1, 1e300, 7)).isLessThanOrEqualTo(1);
        // Every exponent, subnormals included: arguments from random bit patterns.
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < SAMPLES; i++) {
            double x = Double.longBitsToDouble(random.nextLong() >>> 1);
            if (Double.isFinite(x) && x > 0) {
                double expected = StrictMath.log(x);
                assertThat(Math.abs(PortableMath.log(x) - expected)).as("log(%s)", x)
                        .isLessThanOrEqualTo(Math.ulp(expected));
            }
        }
    }

    @Test
    void tanhWithinFourUlpsSinAndCosWithinTwo() {
        assertThat(worstUlps(PortableMath::tanh, StrictMath::tanh, -30, 30, 9)).isLessThanOrEqualTo(4);
        assertThat(worstUlps(PortableMath::tanh, StrictMath::tanh, -1e-3, 1e-3, 10)).isLessThanOrEqualTo(4);
        assertThat(worstUlps(PortableMath::sin, StrictMath::sin, -10, 10, 11)).isLessThanOrEqualTo(2);
        assertThat(worstUlps(PortableMath::cos, StrictMath::cos, -10, 10, 12)).isLessThanOrEqualTo(2);
        assertThat(worstUlps(PortableMath::sin, StrictMath::sin, -1e5, 1e5, 13)).isLessThanOrEqualTo(2);
        assertThat(worstUlps(PortableMath::cos, StrictMath::cos, -1e5, 1e5, 14)).isLessThanOrEqualTo(2);
    }

    @Test
    void erfMatchesTheTablesWithin1e14() {
        // erf at these points to 19 digits (Abramowitz and Stegun, table 7.1, extended).
        double[][] table = {
            {0.1, 0.1124629160182848922}, {0.5, 0.5204998778130465377}, {1, 0.8427007929497148693},
            {1.5, 0.9661051464753107271}, {2, 0.9953222650189527342}, {2.5, 0.9995930479825550411},
            {3, 0.9999779095030014146}, {4, 0.9999999845827420997}, {5, 0.9999999999984625402},
        };
        for (double[] row : table) {
            assertThat(PortableMath.erf(row[0])).as("erf(%s)", row[0]).isCloseTo(row[1], within(1e-14));
            assertThat(PortableMath.erf(-row[0])).isEqualTo(-PortableMath.erf(row[0]));
        }
        assertThat(PortableMath.erf(0)).isZero();
        assertThat(PortableMath.erf(1e-10)).isCloseTo(1.1283791670955126e-10, within(1e-25));
        assertThat(PortableMath.erf(Double.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(PortableMath.erf(-7)).isEqualTo(-1);
        assertThat(PortableMath.erf(Double.NaN)).isNaN();
    }

    @Test
    void integerPowersAreCloseToPow() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 100_000; i++) {
            double base = 0.5 + random.nextDouble();
            int n = random.nextInt(-200, 200_000);
            double expected = StrictMath.pow(base, n);
            if (Double.isFinite(expected) && expected > Double.MIN_NORMAL) {
                // Each squaring doubles the relative error so far: at most about n rounding errors in all.
                assertThat(Math.abs(PortableMath.pow(base, n) - expected) / expected).as("%s^%d", base, n)
                        .isLessThan(2.3e-16 * (Math.abs(n) + 1));
            }
        }
        assertThat(PortableMath.pow(0.9, 0)).isEqualTo(1);
        assertThat(PortableMath.pow(2, 10)).isEqualTo(1024);
    }

    @Test
    void specialValues() {
        assertThat(PortableMath.exp(0)).isEqualTo(1);
        assertThat(PortableMath.exp(1000)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PortableMath.exp(-1000)).isEqualTo(0);
        assertThat(PortableMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0);
        assertThat(PortableMath.exp(Double.NaN)).isNaN();
        assertThat(PortableMath.exp(-740)).isEqualTo(StrictMath.exp(-740)); // subnormal result
        assertThat(PortableMath.log(1)).isEqualTo(0);
        assertThat(PortableMath.log(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PortableMath.log(-1)).isNaN();
        assertThat(PortableMath.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PortableMath.log(Double.MIN_VALUE)).isCloseTo(StrictMath.log(Double.MIN_VALUE),
                offset(1e-12));
        assertThat(PortableMath.tanh(0)).isEqualTo(0);
        assertThat(PortableMath.tanh(100)).isEqualTo(1);
        assertThat(PortableMath.tanh(-100)).isEqualTo(-1);
        assertThat(Double.doubleToRawLongBits(PortableMath.tanh(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(PortableMath.sin(0)).isEqualTo(0);
        assertThat(PortableMath.cos(0)).isEqualTo(1);
        assertThat(PortableMath.cos(Math.PI)).isEqualTo(-1);
        assertThat(PortableMath.sin(Double.POSITIVE_INFINITY)).isNaN();
        assertThat(PortableMath.sigmoid(0)).isEqualTo(0.5);
    }
}
