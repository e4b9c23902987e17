package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.kernels.TiledKernels;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Which kernels this JVM runs, decided once, at first use (like Lucene's
 * {@code VectorizationProvider}): the hosts on the JVM — the CLI, the lab, Spark — hand the engine
 * {@link #provider()}.
 *
 * <p>SIMD kernels need the incubating Vector API, which a JVM only offers when started with
 * {@code --add-modules jdk.incubator.vector} (the {@code glassbox} launcher, the tests and the
 * benchmarks do this). Without it the scalar kernels run and one log line says how to enable SIMD.
 * The system property {@value #PROPERTY}, read once, forces a choice: {@code simd} (an error if the
 * module is missing), {@code scalar}, {@code reference}, or {@code auto} (the default). The SIMD
 * class is loaded by name, so nothing touches the Vector API on a JVM that lacks it.
 *
 * <p>Test mode: {@link #named(String)} gives one implementation whatever the property says, so a
 * test can run two side by side.
 */
public final class KernelChoice {
    public static final String PROPERTY = "glassbox.kernels";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String SIMD_CLASS = "dev.glassbox.jvm.kernels.SimdKernels";
    private static final Logger LOG = Logger.getLogger(KernelChoice.class.getName());

    private KernelChoice() {}

    /** The decision, made when this class is first used (the JVM runs a holder's initialiser once). */
    private static final class Decided {
        static final String NAME = decide(System.getProperty(PROPERTY, "auto"), vectorModulePresent());
        static final KernelProvider PROVIDER = named(NAME);

        static {
            if (NAME.equals(ScalarKernels.NAME) && !vectorModulePresent()) {
                LOG.info("Glassbox uses its scalar kernels; start Java with --add-modules " + VECTOR_MODULE
                        + " for the faster SIMD ones");
            }
        }
    }

    /** The kernels this JVM runs. */
    public static KernelProvider provider() {
        return Decided.PROVIDER;
    }

    /** The name of what {@link #provider()} opens: {@code simd}, {@code scalar} or {@code reference}. */
    public static String implementationName() {
        return Decided.NAME;
    }

    /** Kernels from {@link #provider()} with {@code threads} threads (at least 1). */
    public static Kernels create(int threads) {
        return provider().open(threads);
    }

    /**
     * One implementation by name ({@code simd}, {@code scalar}, {@code tiled} or {@code reference}), whatever the
     * property says: for tests that compare implementations, and for the benchmarks.
     */
    public static KernelProvider named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case ReferenceKernels.NAME -> ReferenceKernels.PROVIDER;
            case TiledKernels.NAME -> TiledKernels.PROVIDER;
            case ScalarKernels.NAME -> threads -> new ScalarKernels(checked(threads));
            case SimdKernels.NAME -> {
                requireVectorModule("simd kernels");
                yield threads -> createSimd(checked(threads));
            }
            default -> throw new IllegalArgumentException("kernels: expected simd, scalar, tiled or reference, got '"
                    + name + "'");
        };
    }

    /**
     * What the property's value {@code wanted} picks on a JVM with or without the Vector API: the
     * rule {@link #provider()} applies once.
     */
    static String decide(String wanted, boolean vectorPresent) {
        String key = wanted.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "scalar" -> ScalarKernels.NAME;
            case "reference" -> ReferenceKernels.NAME;
            case "simd" -> {
                if (!vectorPresent) {
                    throw new IllegalStateException("-D" + PROPERTY + "=simd: the JVM lacks the " + VECTOR_MODULE
                            + " module. Start Java with --add-modules " + VECTOR_MODULE);
                }
                yield SimdKernels.NAME;
            }
            case "auto" -> vectorPresent ? SimdKernels.NAME : ScalarKernels.NAME;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + ": expected auto, simd, scalar or reference, got '" + wanted.trim() + "'");
        };
    }

    /**
     * Starts compiling the kernels' hot loops in the background and returns at once. Until the
     * JIT compiler has compiled it, vector code runs boxed, hundreds of times slower: without this
     * the first training batch takes about a second. Meant to overlap with loading data; for
     * about {@code millis} a daemon thread runs small products of every layout on one thread.
     * On a processor with no remembered {@link KernelShape}, the same thread then measures the
     * candidates ({@link KernelTuning}), once per processor model. Once per process: later calls
     * return at once.
     */
    public static void warmUpInBackground(long millis) {
        if (!warmUpStarted.compareAndSet(false, true)) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try (Kernels kernels = create(1)) {
                warmUp(kernels, millis);
                if (kernels instanceof SimdKernels && !KernelTuning.known()) {
                    KernelTuning.tune();
                }
            } catch (RuntimeException e) {
                // Only a head start: the real work reports any problem itself.
            }
        }, "glassbox-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The products of a training step on small layers, each in every case the step meets: a depth
     * longer than a block (several blocks, so sums go on from the block before), rows left over
     * from the 8-row tiles, a partial panel, both layouts of a layer's forward product, its bias,
     * ReLU and gradient mask, updates run as a gradient's rows are finished, inputs with blank
     * columns. A case that compiled code has never seen sends it back to the interpreter when the
     * first batch meets it, and has it compiled again, in the middle of that batch.
     */
    private static void warmUp(Kernels kernels, long millis) {
        int batch = 41;
        int in = 600;
        int out = 80;
        int classes = 10;
        float[] x = filled(batch * in, 0.5f);
        float[] blank = x.clone();
        for (int i = 0; i < blank.length; i += 3) {
            blank[i] = 0f; // a third of the columns blank in every row, as MNIST's borders in a batch
        }
        float[] w = filled(out * in, 0.25f);
        float[] bias = filled(out, 0.1f);
        float[] y = new float[batch * out];
        float[] dy = filled(batch * out, 0.01f);
        float[] dx = new float[batch * in];
        float[] dw = new float[out * in];
        float[] sums = new float[out];
        float[] w10 = filled(classes * out, 0.25f);
        float[] z = new float[batch * classes];
        float[] dz = new float[batch * classes];
        int[] labels = new int[batch];
        Parallel.Loop<float[]> update = (gradient, from, to) -> {
            for (int i = from; i < to; i++) {
                gradient[i] *= 0.5f;
            }
        };
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            kernels.linear(x, w, bias, y, batch, out, in, Kernels.Epilogue.RELU); // fewer samples than neurons
            kernels.linear(blank, w, bias, y, batch, out, in, Kernels.Epilogue.RELU);
            kernels.linear(y, w10, bias, z, batch, classes, out, Kernels.Epilogue.NONE); // more samples than neurons
            kernels.softmaxCrossEntropy(z, labels, dz, 1f / batch, batch, classes);
            kernels.matmulNNRelu(dy, w, x, dx, batch, in, out);
            kernels.matmulNN(dy, w, dx, batch, in, out);
            kernels.matmulTNThen(dy, x, dw, out, in, batch, dw, update);
            kernels.matmulTNThen(dy, blank, dw, out, in, batch, dw, update);
            kernels.matmulTNAdd(dy, x, dw, out, in, batch);
            kernels.columnSums(dy, sums, batch, out);
            kernels.reluForward(x, dx, batch * in);
            kernels.reluBackward(x, x, dx, batch * in);
        }
    }

    private static float[] filled(int size, float value) {
        float[] array = new float[size];
        Arrays.fill(array, value);
        return array;
    }

    private static final AtomicBoolean warmUpStarted = new AtomicBoolean();

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static void requireVectorModule(String what) {
        if (!vectorModulePresent()) {
            throw new IllegalStateException(what + " need the " + VECTOR_MODULE + " module. Start Java with"
                    + " --add-modules " + VECTOR_MODULE);
        }
    }

    private static int checked(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, got " + threads);
        }
        return threads;
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
