package dev.glassbox.internal.kernels;

import java.util.Locale;

/**
 * The one place that decides which {@link Kernels} implementation runs.
 *
 * <p>The system property {@value #PROPERTY} forces a choice ({@code scalar}); unset or
 * {@code auto} picks the fastest implementation this JVM supports. Today that is the scalar
 * reference; a SIMD implementation plugs in here without callers changing.
 */
public final class KernelChoice {
    public static final String PROPERTY = "glassbox.kernels";

    private KernelChoice() {}

    /** Creates kernels using {@code threads} threads (at least 1). */
    public static Kernels create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, got " + threads);
        }
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "auto", "scalar" -> new ScalarKernels(threads);
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + ": expected auto or scalar, got '" + wanted + "'");
        };
    }

    /** The name of the implementation {@link #create(int)} would pick, without starting threads. */
    public static String implementationName() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "auto", "scalar" -> ScalarKernels.NAME;
            default -> "unknown (" + wanted + ")";
        };
    }
}
