package dev.glassbox.internal.kernels;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The one place that decides which {@link Kernels} implementation runs, once per JVM.
 *
 * <p>SIMD kernels need the incubating Vector API, which a JVM only offers when started with
 * {@code --add-modules jdk.incubator.vector} (the {@code glassbox} launcher, the tests and the
 * benchmarks do this). Without it the scalar reference runs and one log line says how to enable
 * SIMD. The system property {@value #PROPERTY} forces a choice: {@code simd} (an error if the
 * module is missing), {@code scalar}, or {@code auto} (the default). The SIMD class is loaded by
 * name, so nothing touches the Vector API on a JVM that lacks it.
 */
public final class KernelChoice {
    public static final String PROPERTY = "glassbox.kernels";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String SIMD_CLASS = "dev.glassbox.internal.kernels.SimdKernels";
    private static final Logger LOG = Logger.getLogger(KernelChoice.class.getName());
    private static volatile boolean hinted;

    private KernelChoice() {}

    /** Creates kernels using {@code threads} threads (at least 1). */
    public static Kernels create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, got " + threads);
        }
        return implementationName().equals(SimdKernels.NAME) ? createSimd(threads) : new ScalarKernels(threads);
    }

    /** The name of the implementation {@link #create(int)} picks: {@code simd} or {@code scalar}. */
    public static String implementationName() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "scalar" -> ScalarKernels.NAME;
            case "simd" -> {
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=simd: the JVM lacks the " + VECTOR_MODULE
                            + " module. Start Java with --add-modules " + VECTOR_MODULE);
                }
                yield SimdKernels.NAME;
            }
            case "auto" -> {
                if (vectorModulePresent()) {
                    yield SimdKernels.NAME;
                }
                if (!hinted) {
                    hinted = true;
                    LOG.info("Glassbox uses its scalar kernels; start Java with --add-modules " + VECTOR_MODULE
                            + " for the faster SIMD ones");
                }
                yield ScalarKernels.NAME;
            }
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + ": expected auto, simd or scalar, got '" + wanted + "'");
        };
    }

    /**
     * The machine's fp32 FMA peak in GFLOP/s on {@code threads} threads, measured now for about
     * {@code millis}; needs the Vector API (a scalar loop would measure the JVM, not the CPU).
     */
    public static double measurePeakGflops(int threads, long millis) {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("measuring the FMA peak needs --add-modules " + VECTOR_MODULE);
        }
        try {
            return (double) Class.forName(SIMD_CLASS).getDeclaredMethod("peakGflops", int.class, long.class)
                    .invoke(null, threads, millis);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot measure the FMA peak: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot measure the FMA peak: " + e, e);
        }
    }

    /**
     * Starts compiling the kernels' hot loops in the background and returns at once. Until the
     * JIT compiler has compiled it, vector code runs boxed, hundreds of times slower: without this
     * the first training batch takes about a second. Meant to overlap with loading data; for
     * about {@code millis} a daemon thread runs small products of every layout on one thread.
     */
    public static void warmUpInBackground(long millis) {
        Thread warmUp = new Thread(() -> {
            try (Kernels kernels = create(1)) {
                int n = 96;
                float[] a = new float[n * n];
                float[] b = new float[n * n];
                float[] c = new float[n * n];
                Arrays.fill(a, 0.5f);
                Arrays.fill(b, 0.25f);
                long deadline = System.nanoTime() + millis * 1_000_000;
                while (System.nanoTime() < deadline) {
                    kernels.linear(a, b, a, c, n / 2, n, n); // fewer samples than neurons
                    kernels.linear(a, b, a, c, n, n / 2, n);
                    kernels.matmulTNAdd(a, b, c, n, n, n / 2);
                    kernels.matmulNN(a, b, c, n, n, n);
                    kernels.columnSumsAdd(a, c, n, n);
                    kernels.reluForward(a, c, n * n);
                    kernels.reluBackward(a, b, c, n * n);
                }
            } catch (RuntimeException e) {
                // Only a head start: the real work reports any problem itself.
            }
        }, "glassbox-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static Kernels createSimd(int threads) {
        try {
            return (Kernels) Class.forName(SIMD_CLASS).getDeclaredConstructor(int.class).newInstance(threads);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the SIMD kernels: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot start the SIMD kernels: " + e, e);
        }
    }
}
