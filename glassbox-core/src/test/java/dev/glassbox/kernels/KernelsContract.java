package dev.glassbox.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.testkit.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link Kernels} implementation must do: each kernel against a naive loop in double,
 * for 1, 2 and 3 threads (or what the implementation has), and the thread counts must agree bit for bit. One instance per
 * thread count runs all shapes in turn, so its reused scratch buffers (packed panels longer than
 * the current shape) are exercised too. Subclasses say which implementation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KernelsContract {
    /** Around the vector widths (4, 8, 16 floats), and MNIST's 784 pixels. */
    private static final int[] WIDE = {1, 7, 15, 16, 17, 31, 33, 127, 128, 129, 784, 1000};
    /**
     * Shapes most of which have enough multiply-adds (≥ 2 · 2¹⁸) that 2 and 3 threads really split the work, by
     * rows or by columns; with inner dimensions beyond one packed block (512); and around the
     * SIMD tile (8 rows × 32 columns with AVX-512).
     */
    private static final int[][] PARALLEL = {
        {129, 128, 17}, {784, 33, 16}, {1000, 31, 7}, {33, 1000, 15}, {7, 127, 784}, {128, 512, 784},
        {512, 784, 128}, {128, 10, 256}, {10, 256, 128}, {128, 256, 10}, {17, 65, 257}, {9, 63, 513}, {16, 96, 1000}
    };
    /** Rounding of a float sum of k terms vs a double reference grows with k: allow about k·ε·Σ|terms|. */
    private static final double EPSILON = 1.2e-7;

    private final List<Kernels> kernels = new ArrayList<>();

    /** The implementation under test, with the given thread count. */
    protected abstract Kernels create(int threads);

    /** The thread counts to run every kernel with; they must all agree bit for bit. */
    protected int[] threadCounts() {
        return new int[] {1, 2, 3};
    }

    @BeforeAll
    void create() {
        for (int t : threadCounts()) {
            Kernels k = create(t);
            assertThat(k.threads()).isEqualTo(t);
            kernels.add(k);
        }
    }

    @AfterAll
    void close() {
        kernels.forEach(Kernels::close);
    }

    /** {m, n, k} with each in 0..4, then one dimension wide at a time, then the parallel shapes. */
    private static List<int[]> shapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int m = 0; m <= 4; m++) {
            for (int n = 0; n <= 4; n++) {
                for (int k = 0; k <= 4; k++) {
                    shapes.add(new int[] {m, n, k});
                }
            }
        }
        for (int w : WIDE) {
            shapes.add(new int[] {w, 3, 4});
            shapes.add(new int[] {3, w, 4});
            shapes.add(new int[] {3, 4, w});
        }
        shapes.addAll(Arrays.asList(PARALLEL));
        return shapes;
    }

    @FunctionalInterface
    private interface Call {
        void run(Kernels kernels, float[] c);
    }

    /**
     * Runs {@code call} with every thread count on a copy of {@code initial}, checks the first
     * against {@code expected} and the others for bit-identity with the first.
     */
    private void check(String what, int depth, float[] initial, Call call, double[] expected, double[] scale) {
        float[] first = null;
        for (Kernels kernels : this.kernels) {
            float[] c = initial.clone();
            call.run(kernels, c);
            if (first == null) {
                first = c;
                for (int i = 0; i < c.length; i++) {
                    double allowed = (depth + 2) * EPSILON * scale[i] + 1e-30;
                    if (!(Math.abs(c[i] - expected[i]) <= allowed)) {
                        throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + c[i]);
                    }
                }
            } else {
                // Arrays.equals compares float bits; AssertJ's containsExactly is quadratic on big arrays.
                assertThat(Arrays.equals(c, first)).as("%s with %d threads vs 1", what, kernels.threads()).isTrue();
            }
        }
    }

    /** About a third zeros: the kernels skip zero multipliers. */
    private static float[] values(int n, SplittableRandom random) {
        return SeededRandom.withZeros(n, 0.3, random);
    }

    private static float[] garbage(int n) {
        float[] c = new float[n];
        Arrays.fill(c, Float.NaN); // an overwriting kernel must not read its output
        return c;
    }

    @Test
    void matmulNT() {
        SplittableRandom random = SeededRandom.random(1);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(m * k, random);
            float[] b = values(n * k, random);
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        double t = (double) a[i * k + p] * b[j * k + p];
                        expected[i * n + j] += t;
                        scale[i * n + j] += Math.abs(t);
                    }
                }
            }
            check("matmulNT" + Arrays.toString(s), k, garbage(m * n), (kr, c) -> kr.matmulNT(a, b, c, m, n, k),
                    expected, scale);
        }
    }

    @Test
    void matmulTNAdd() {
        SplittableRandom random = SeededRandom.random(2);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(k * m, random);
            float[] b = values(k * n, random);
            float[] c0 = values(m * n, random);
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    expected[i * n + j] = c0[i * n + j];
                    scale[i * n + j] = Math.abs(c0[i * n + j]);
                    for (int p = 0; p < k; p++) {
                        double t = (double) a[p * m + i] * b[p * n + j];
                        expected[i * n + j] += t;
                        scale[i * n + j] += Math.abs(t);
                    }
                }
            }
            check("matmulTNAdd" + Arrays.toString(s), k, c0, (kr, c) -> kr.matmulTNAdd(a, b, c, m, n, k), expected,
                    scale);
        }
    }

    /**
     * The first writes of a gradient — {@code matmulTN}, {@code columnSums} — give the bits of
     * clearing it and adding into it, never reading what was there (NaN here); a row of signed
     * zeros among the inputs.
     */
    @Test
    void firstWritesEqualClearingThenAdding() {
        SplittableRandom random = SeededRandom.random(12);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(k * m, random);
            float[] b = values(k * n, random);
            for (int p = 0; p < k; p++) {
                if (m > 0) {
                    a[p * m] = -0f; // row 0 of aᵀ: every term −0 or +0
                }
            }
            for (Kernels kr : kernels) {
                float[] cleared = new float[m * n];
                kr.matmulTNAdd(a, b, cleared, m, n, k);
                float[] written = garbage(m * n);
                kr.matmulTN(a, b, written, m, n, k);
                assertThat(Arrays.equals(written, cleared)).as("matmulTN%s, %d threads", Arrays.toString(s),
                        kr.threads()).isTrue();

                float[] sums = new float[n];
                kr.columnSumsAdd(b, sums, k, n);
                float[] first = garbage(n);
                kr.columnSums(b, first, k, n);
                assertThat(Arrays.equals(first, sums)).as("columnSums%s, %d threads", Arrays.toString(s),
                        kr.threads()).isTrue();
            }
        }
    }

    /**
     * {@code matmulTNThen} hands every element of c to the update exactly once, each range only
     * once its values are final: what the update saw equals what c ends as, which equals
     * {@code matmulTN}.
     */
    @Test
    void theUpdateAfterAProductSeesEveryFinalValueOnce() {
        SplittableRandom random = SeededRandom.random(13);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(k * m, random);
            float[] b = values(k * n, random);
            for (Kernels kr : kernels) {
                float[] expected = garbage(m * n);
                kr.matmulTN(a, b, expected, m, n, k);
                float[] c = garbage(m * n);
                float[] seen = garbage(m * n);
                AtomicIntegerArray visits = new AtomicIntegerArray(m * n);
                kr.matmulTNThen(a, b, c, m, n, k, c, (values, from, to) -> {
                    for (int i = from; i < to; i++) {
                        seen[i] = values[i];
                        visits.incrementAndGet(i);
                    }
                });
                String what = "matmulTNThen" + Arrays.toString(s) + ", " + kr.threads() + " threads";
                assertThat(Arrays.equals(c, expected)).as(what).isTrue();
                assertThat(Arrays.equals(seen, expected)).as(what + ": values seen by the update").isTrue();
                for (int i = 0; i < m * n; i++) {
                    assertThat(visits.get(i)).as(what + ": visits of element " + i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void matmulNN() {
        SplittableRandom random = SeededRandom.random(3);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(m * k, random);
            float[] b = values(k * n, random);
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        double t = (double) a[i * k + p] * b[p * n + j];
                        expected[i * n + j] += t;
                        scale[i * n + j] += Math.abs(t);
                    }
                }
            }
            check("matmulNN" + Arrays.toString(s), k, garbage(m * n), (kr, c) -> kr.matmulNN(a, b, c, m, n, k),
                    expected, scale);
        }
    }

    @Test
    void linear() {
        checkLinear(Kernels.Epilogue.NONE, 7);
    }

    @Test
    void linearWithReluEpilogue() {
        checkLinear(Kernels.Epilogue.RELU, 9);
    }

    private void checkLinear(Kernels.Epilogue epilogue, long seed) {
        SplittableRandom random = SeededRandom.random(seed);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] x = values(m * k, random);
            float[] w = values(n * k, random);
            float[] bias = values(n, random);
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = bias[j];
                    scale[i * n + j] = Math.abs(bias[j]);
                    for (int p = 0; p < k; p++) {
                        double t = (double) x[i * k + p] * w[j * k + p];
                        sum += t;
                        scale[i * n + j] += Math.abs(t);
                    }
                    expected[i * n + j] = epilogue == Kernels.Epilogue.RELU ? Math.max(0, sum) : sum;
                }
            }
            check("linear " + epilogue + Arrays.toString(s), k + 1, garbage(m * n),
                    (kr, c) -> kr.linear(x, w, bias, c, m, n, k, epilogue), expected, scale);
        }
    }

    @Test
    void matmulNNRelu() {
        SplittableRandom random = SeededRandom.random(10);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = values(m * k, random);
            float[] b = values(k * n, random);
            float[] activated = values(m * n, random); // zeros and negatives: both mask the gradient out
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    if (!(activated[i * n + j] > 0)) {
                        continue;
                    }
                    for (int p = 0; p < k; p++) {
                        double t = (double) a[i * k + p] * b[p * n + j];
                        expected[i * n + j] += t;
                        scale[i * n + j] += Math.abs(t);
                    }
                }
            }
            check("matmulNNRelu" + Arrays.toString(s), k, garbage(m * n),
                    (kr, c) -> kr.matmulNNRelu(a, b, activated, c, m, n, k), expected, scale);
        }
    }

    @Test
    void softmaxCrossEntropy() {
        SplittableRandom random = SeededRandom.random(12);
        for (int rows : new int[] {0, 1, 2, 3, 4, 17, 128}) {
            for (int classes : new int[] {1, 2, 3, 4, 7, 10, 15, 16, 17, 31, 33, 129}) {
                float[] z = new float[rows * classes];
                int[] labels = new int[rows];
                for (int i = 0; i < z.length; i++) {
                    // Large logits too: the row maximum must be subtracted before exp.
                    z[i] = (float) (random.nextDouble(-1, 1) * (i % 5 == 0 ? 120 : 4));
                }
                for (int r = 0; r < rows; r++) {
                    labels[r] = random.nextInt(classes);
                }
                float scale = 1f / Math.max(1, rows);
                double expectedLoss = 0;
                double[] expected = new double[z.length];
                for (int r = 0; r < rows; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        max = Math.max(max, z[r * classes + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        sum += Math.exp(z[r * classes + c] - max);
                    }
                    expectedLoss += Math.log(sum) + max - z[r * classes + labels[r]];
                    for (int c = 0; c < classes; c++) {
                        double p = Math.exp(z[r * classes + c] - max) / sum;
                        expected[r * classes + c] = (p - (c == labels[r] ? 1 : 0)) * scale;
                    }
                }
                String what = "softmaxCrossEntropy[" + rows + "×" + classes + "]";
                double[] scaleOf = new double[z.length];
                Arrays.fill(scaleOf, 8 * scale / 1.2e-7 * 1e-6); // gradients within 1e-6 of scale
                double loss0 = expectedLoss;
                double[] losses = new double[kernels.size()];
                int[] index = {0};
                check(what, 0, garbage(z.length), (kr, g) -> {
                    losses[index[0]++] = kr.softmaxCrossEntropy(z, labels, g, scale, rows, classes);
                }, expected, scaleOf);
                for (double loss : losses) {
                    assertThat(loss).as(what + " loss").isCloseTo(loss0, org.assertj.core.data.Offset.offset(1e-5 * (1 + rows)));
                }
                assertThat(losses).as(what + " loss, any thread count").containsOnly(losses[0]);
                assertThat(kernels.get(0).softmaxCrossEntropy(z, labels, null, scale, rows, classes))
                        .as(what + " loss without gradient").isEqualTo(losses[0]);
            }
        }
    }

    /** f(x) = 3x − 1, f' = 3: simple enough to check exactly. */
    private static final Elementwise AFFINE = new Elementwise() {
        @Override
        public void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = 3 * x[i] - 1;
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = 3 * dy[i] + 0 * x[i] * y[i];
            }
        }
    };

    @Test
    void mapAppliesTheFunctionToEveryValue() {
        SplittableRandom random = SeededRandom.random(11);
        for (int n : new int[] {0, 1, 17, 1000, 140_001}) {
            float[] x = values(n, random);
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = 3 * x[i] - 1;
            }
            float[] dy = values(n, random);
            double[] forward = new double[n];
            double[] backward = new double[n];
            for (int i = 0; i < n; i++) {
                forward[i] = y[i];
                backward[i] = 3 * dy[i];
            }
            double[] exact = new double[n];
            check("map[" + n + "]", 0, garbage(n), (kr, out) -> kr.map(AFFINE, x, out, n), forward, exact);
            check("mapBackward[" + n + "]", 0, garbage(n), (kr, dx) -> kr.mapBackward(AFFINE, x, y, dy, dx, n),
                    backward, exact);
        }
    }

    @Test
    void addRowVector() {
        SplittableRandom random = SeededRandom.random(4);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1];
            float[] row = values(n, random);
            float[] c0 = values(m * n, random);
            double[] expected = new double[m * n];
            double[] scale = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    expected[i * n + j] = (double) c0[i * n + j] + row[j];
                    scale[i * n + j] = Math.abs(c0[i * n + j]) + Math.abs(row[j]);
                }
            }
            check("addRowVector" + Arrays.toString(s), 1, c0, (kr, c) -> kr.addRowVector(row, c, m, n), expected, scale);
        }
    }

    @Test
    void columnSumsAdd() {
        SplittableRandom random = SeededRandom.random(5);
        for (int[] s : shapes()) {
            int m = s[0], n = s[1];
            float[] a = values(m * n, random);
            float[] sums0 = values(n, random);
            double[] expected = new double[n];
            double[] scale = new double[n];
            for (int j = 0; j < n; j++) {
                expected[j] = sums0[j];
                scale[j] = Math.abs(sums0[j]);
                for (int i = 0; i < m; i++) {
                    expected[j] += a[i * n + j];
                    scale[j] += Math.abs(a[i * n + j]);
                }
            }
            check("columnSumsAdd" + Arrays.toString(s), m, sums0, (kr, c) -> kr.columnSumsAdd(a, c, m, n), expected,
                    scale);
        }
    }

    @Test
    void relu() {
        SplittableRandom random = SeededRandom.random(8);
        // Sizes around the vector widths, and large enough (≥ 2¹⁶ · threads) to be split across threads.
        for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 1000, 140_001}) {
            float[] x = values(n, random);
            float[] dy = values(n, random);
            double[] forward = new double[n];
            double[] backward = new double[n];
            for (int i = 0; i < n; i++) {
                forward[i] = Math.max(0, x[i]);
                backward[i] = x[i] > 0 ? dy[i] : 0;
            }
            double[] exact = new double[n];
            check("reluForward[" + n + "]", 0, garbage(n), (kr, y) -> kr.reluForward(x, y, n), forward, exact);
            check("reluBackward[" + n + "]", 0, garbage(n), (kr, dx) -> kr.reluBackward(x, dy, dx, n), backward,
                    exact);
        }
    }

    @Test
    void forRangesVisitsEveryIndexOnce() {
        for (Kernels k : kernels) {
            for (int n : new int[] {0, 1, 1000, 300_001}) {
                int[] visits = new int[n];
                k.forRanges(n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits[i]++;
                    }
                });
                assertThat(Arrays.stream(visits).allMatch(v -> v == 1)).as("n=%d, %s", n, k).isTrue();
            }
        }
    }

    @Test
    void loopsWithAJobVisitEveryIndexOnceInTheirShares() {
        for (Kernels k : kernels) {
            for (int n : new int[] {0, 1, 1000, 300_001}) {
                int[] visits = new int[n];
                k.forRanges(n, visits, (job, from, to) -> {
                    for (int i = from; i < to; i++) {
                        job[i]++;
                    }
                });
                assertThat(Arrays.stream(visits).allMatch(v -> v == 1)).as("forRanges n=%d, %s", n, k).isTrue();
                int[] shares = new int[n];
                Arrays.fill(shares, -1);
                k.forShares(n, shares, (job, share, from, to) -> {
                    for (int i = from; i < to; i++) {
                        job[i] = job[i] == -1 ? share : Integer.MAX_VALUE;
                    }
                });
                assertThat(Arrays.stream(shares).allMatch(s -> s >= 0 && s < k.shares())).as("forShares n=%d, %s", n, k)
                        .isTrue();
                if (n >= 1000) { // heavy work per index: every share takes part
                    assertThat(Arrays.stream(shares).distinct().count()).as("shares used, %s", k).isEqualTo(k.shares());
                }
            }
        }
    }

    @Test
    void inputsAreNotModified() {
        SplittableRandom random = SeededRandom.random(6);
        int m = 5, n = 6, k = 7;
        float[] a = values(m * k, random);
        float[] b = values(n * k, random);
        float[] aCopy = a.clone();
        float[] bCopy = b.clone();
        Kernels kernels = this.kernels.get(this.kernels.size() - 1);
        kernels.matmulNT(a, b, new float[m * n], m, n, k);
        kernels.matmulNN(a, b, new float[m * n], m, n, k);
        kernels.matmulTNAdd(a, b, new float[m * n], m, n, k);
        kernels.linear(a, b, Arrays.copyOf(a, n), new float[m * n], m, n, k);
        kernels.linear(a, b, Arrays.copyOf(a, n), new float[m * n], m, n, k, Kernels.Epilogue.RELU);
        kernels.matmulNNRelu(a, b, Arrays.copyOf(a, m * n), new float[m * n], m, n, k);
        kernels.addRowVector(Arrays.copyOf(b, n), new float[m * n], m, n);
        kernels.columnSumsAdd(a, new float[n], m, n);
        assertThat(a).containsExactly(aCopy);
        assertThat(b).containsExactly(bCopy);
    }
}
