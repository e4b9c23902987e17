package dev.glassbox.bench;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The nine matrix products of one training step of the W1 network (784-512-256-10, batch 128),
 * each alone: one operation is one product, and {@code bench/kernels.py} turns operations per
 * second into GFLOP/s (2·m·n·k per product) beside NumPy's at the same shapes.
 *
 * <p>Products are named {@code kind:in:out}: {@code fwd} is Y = X·Wᵀ (m = batch, n = out,
 * k = in), {@code dW} is dW += dYᵀ·X (m = out, n = in, k = batch), {@code dX} is dX = dY·W
 * (m = batch, n = in, k = out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class KernelBenchmark {
    static final int BATCH = 128;

    @Param({"fwd:784:512", "dW:784:512", "dX:784:512", "fwd:512:256", "dW:512:256", "dX:512:256", "fwd:256:10",
        "dW:256:10", "dX:256:10"})
    public String product;

    @Param({"simd", "scalar"})
    public String kernels;

    @Param({"1", "2"})
    public int threads;

    private Kernels k;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dw;
    private float[] dx;
    private String kind;
    private int in;
    private int out;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = product.split(":");
        kind = parts[0];
        in = Integer.parseInt(parts[1]);
        out = Integer.parseInt(parts[2]);
        k = KernelChoice.named(kernels).open(threads);
        if (!k.name().equals(kernels)) {
            throw new IllegalStateException("asked for " + kernels + " kernels, got " + k.name());
        }
        Rng random = new Rng(1);
        // MNIST-like density for the input (the scalar kernels skip zeros; SIMD does not care).
        x = values(BATCH * in, random, in == 784 ? 0.8 : 0.5);
        w = values(out * in, random, 0);
        y = new float[BATCH * out];
        dy = values(BATCH * out, random, 0.5);
        dw = new float[out * in];
        dx = new float[BATCH * in];
    }

    private static float[] values(int n, Rng random, double zeros) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() < zeros ? 0f : (float) (random.nextDouble() - 0.5);
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public float[] product() {
        switch (kind) {
            case "fwd" -> k.matmulNT(x, w, y, BATCH, out, in);
            case "dW" -> k.matmulTNAdd(dy, x, dw, out, in, BATCH);
            case "dX" -> k.matmulNN(dy, w, dx, BATCH, in, out);
            default -> throw new IllegalStateException(kind);
        }
        return y;
    }
}
