package dev.glassbox.testkit;

/**
 * Approximate asserts: {@code actual} passes when |actual − expected| ≤ absolute + relative·|expected|.
 * The absolute part is the floor for expected values at or near zero.
 */
public final class Approx {
    private Approx() {}

    public static void assertClose(String what, double actual, double expected, double relative, double absolute) {
        double allowed = absolute + relative * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= allowed)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (difference "
                    + Math.abs(actual - expected) + " > allowed " + allowed + ")");
        }
    }

    /** Absolute tolerance only. */
    public static void assertClose(String what, double actual, double expected, double absolute) {
        assertClose(what, actual, expected, 0, absolute);
    }

    public static void assertAllClose(String what, float[] actual, double[] expected, double relative, double absolute) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < actual.length; i++) {
            assertClose(what + "[" + i + "]", actual[i], expected[i], relative, absolute);
        }
    }

    public static void assertAllClose(String what, float[] actual, float[] expected, double relative, double absolute) {
        assertAllClose(what, actual, GradientCheck.toDouble(expected), relative, absolute);
    }
}
