package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparing the numbers of two hosts: bit for bit, or how far apart (in ulps, absolute, relative). */
final class Bits {
    private Bits() {}

    /** Every value's bits equal, -0 and 0 told apart. */
    static void assertSame(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        Distance d = Distance.of(expected, actual);
        assertThat(d.differing()).as("%s: values whose bits differ (%s)", what, d).isZero();
    }

    /** Bits equal, except that every NaN counts as the same NaN (JavaScript engines may canonicalise them). */
    static void assertSame(String what, double[] expected, double[] actual) {
        assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            int index = i;
            assertThat(Double.doubleToLongBits(actual[i]))
                    .as(() -> what + ": value " + index + " differs: expected " + expected[index] + ", got "
                            + actual[index])
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    /** The distance between two floats in units in the last place: how many floats lie between them. */
    static long ulps(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    /** The distance between two doubles in units in the last place; NaNs are one value. */
    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long ia = Double.doubleToRawLongBits(a);
        long ib = Double.doubleToRawLongBits(b);
        ia = ia < 0 ? Long.MIN_VALUE - ia : ia;
        ib = ib < 0 ? Long.MIN_VALUE - ib : ib;
        return Math.abs(ia - ib);
    }

    private static long ordered(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /**
     * How far two float arrays are apart: values whose bits differ, and the largest distance in ulps,
     * absolute and relative to the largest expected value.
     */
    record Distance(int differing, int length, long ulps, double absolute, double relative) {
        static Distance of(float[] expected, float[] actual) {
            int differing = 0;
            long ulps = 0;
            double absolute = 0;
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                    differing++;
                    ulps = Math.max(ulps, Bits.ulps(expected[i], actual[i]));
                    absolute = Math.max(absolute, Math.abs((double) expected[i] - actual[i]));
                }
            }
            return new Distance(differing, expected.length, ulps, absolute, scale == 0 ? absolute : absolute / scale);
        }

        @Override
        public String toString() {
            return String.format("%d of %d values differ, at most %d ulps, |diff| ≤ %.3g (%.3g of the largest value)",
                    differing, length, ulps, absolute, relative);
        }
    }
}
