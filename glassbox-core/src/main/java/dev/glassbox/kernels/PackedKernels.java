package dev.glassbox.kernels;

import java.util.Arrays;

/**
 * The scalar kernels: plain Java loops arranged to be fast, on the calling thread unless a subclass
 * splits them (the JVM's {@code ScalarKernels} shares their rows out to a worker pool). They give
 * the {@link ReferenceKernels}' bits: each output element is summed over p in ascending order
 * from zero (or from its value, for the {@code Add} kernels), skipping only exact zeros.
 *
 * <p>Every product is computed row by row in "axpy" form: output row i is the sum over p of
 * {@code A(i, p) · Brow(p)}. The rows of B are first copied ("packed") into separate arrays, and
 * each output row is accumulated in a scratch array, because HotSpot's auto-vectorizer only
 * handles loops where every array is read at the same index ({@code acc[j] += s * row[j]}); with
 * offsets into one flat array it falls back to scalar code, about 3× slower. Products with a zero
 * {@code A(i, p)} are skipped: MNIST pixels and ReLU outputs are mostly zero, and skipping them is
 * exact for finite values.
 */
public class PackedKernels implements Kernels {
    public static final String NAME = "scalar";

    /** Opens packed kernels on the calling thread; whatever is asked, they use one. */
    public static final KernelProvider PROVIDER = threads -> new PackedKernels();

    /** B's rows, packed; grown on demand and reused, rows may be longer than the current n. */
    private float[][] packed = new float[0][];
    /** One output row's sums per share, grown on demand: a share never runs twice at once. */
    private float[][] accumulators = new float[1][0];
    /** One row's indices p with A(i, p) != 0, per share. */
    private int[][] nonZeroIndices = new int[1][0];
    private final Product product = new Product();
    private static final Parallel.ShareLoop<Product> ROWS = Product::rows;
    private final ElementwiseTask elementwise;

    public PackedKernels() {
        this.elementwise = new ElementwiseTask(this);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int threads() {
        return 1;
    }

    /**
     * Runs {@code body} on {@code job} over rows {@code [0, rows)}, possibly as several shares;
     * {@code work} is about the multiply-adds involved. Here: on the calling thread, as share 0.
     */
    protected <J> void splitRows(int rows, long work, J job, Parallel.ShareLoop<J> body) {
        body.run(job, 0, 0, rows);
    }

    @Override
    public void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        // Brow(p)[j] = b(j, p): pack the transpose.
        float[][] rows = packedRows(k, n);
        for (int j = 0; j < n; j++) {
            int bj = j * k;
            for (int p = 0; p < k; p++) {
                rows[p][j] = b[bj + p];
            }
        }
        product.run(a, k, 1, rows, c, m, n, k, false);
    }

    @Override
    public void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k) {
        float[][] rows = packRows(b, k, n);
        // A(i, p) = a(p, i): row stride 1, column stride m.
        product.run(a, 1, m, rows, c, m, n, k, true);
    }

    @Override
    public void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        float[][] rows = packRows(b, k, n);
        product.run(a, k, 1, rows, c, m, n, k, false);
    }

    /**
     * {@code c(i, :) (+)= Σ_p A(i, p) · rows[p]} for every row i, where
     * {@code A(i, p) = a[i * rowStride + p * colStride]}; rows split into shares by {@link #splitRows}.
     * The arguments of one product, held while it runs and reused, so a product allocates nothing.
     */
    private final class Product {
        private float[] a;
        private int rowStride;
        private int colStride;
        private float[][] rows;
        private float[] c;
        private int n;
        private int k;
        private boolean add;

        void run(float[] newA, int newRowStride, int newColStride, float[][] newRows, float[] newC, int m, int newN,
                int newK, boolean newAdd) {
            a = newA;
            rowStride = newRowStride;
            colStride = newColStride;
            rows = newRows;
            c = newC;
            n = newN;
            k = newK;
            add = newAdd;
            if (accumulators.length < shares()) {
                accumulators = Arrays.copyOf(accumulators, shares());
                nonZeroIndices = Arrays.copyOf(nonZeroIndices, shares());
            }
            try {
                splitRows(m, (long) m * n * k, this, ROWS);
            } finally {
                a = null;
                c = null;
                rows = null;
            }
        }

        void rows(int share, int from, int to) {
            float[] acc = accumulator(share, n);
            for (int i = from; i < to; i++) {
                int ci = i * n;
                if (add) {
                    System.arraycopy(c, ci, acc, 0, n);
                } else {
                    Arrays.fill(acc, 0, n, 0f);
                }
                int ai = i * rowStride;
                int[] nonZero = nonZeros(share, k);
                int count = 0;
                for (int p = 0; p < k; p++) {
                    if (a[ai + p * colStride] != 0f) {
                        nonZero[count++] = p;
                    }
                }
                int q = 0;
                for (; q + 4 <= count; q += 4) {
                    int p0 = nonZero[q];
                    int p1 = nonZero[q + 1];
                    int p2 = nonZero[q + 2];
                    int p3 = nonZero[q + 3];
                    axpy4(a[ai + p0 * colStride], rows[p0], a[ai + p1 * colStride], rows[p1],
                            a[ai + p2 * colStride], rows[p2], a[ai + p3 * colStride], rows[p3], acc, n);
                }
                for (; q < count; q++) {
                    int p0 = nonZero[q];
                    axpy(a[ai + p0 * colStride], rows[p0], acc, n);
                }
                System.arraycopy(acc, 0, c, ci, n);
            }
        }
    }

    /**
     * Four rows at once, added in the same order as four {@link #axpy} calls (Java adds left to
     * right), so the bits are the same; each acc element is loaded and stored once instead of four
     * times.
     */
    private static void axpy4(float s0, float[] x0, float s1, float[] x1, float s2, float[] x2, float s3, float[] x3,
            float[] acc, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] = acc[j] + s0 * x0[j] + s1 * x1[j] + s2 * x2[j] + s3 * x3[j];
        }
    }

    /** {@code acc[j] += s * x[j]} — the one loop everything above exists to keep vectorizable. */
    private static void axpy(float s, float[] x, float[] acc, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += s * x[j];
        }
    }

    @Override
    public void addRowVector(float[] row, float[] c, int m, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += row[j];
            }
        }
    }

    @Override
    public void columnSumsAdd(float[] a, float[] sums, int m, int n) {
        for (int i = 0; i < m; i++) {
            int ai = i * n;
            for (int j = 0; j < n; j++) {
                sums[j] += a[ai + j];
            }
        }
    }

    private float[][] packRows(float[] b, int k, int n) {
        float[][] rows = packedRows(k, n);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * n, rows[p], 0, n);
        }
        return rows;
    }

    /** At least k packed rows of at least n floats, reusing earlier buffers. */
    private float[][] packedRows(int k, int n) {
        if (packed.length < k) {
            packed = Arrays.copyOf(packed, k);
        }
        for (int p = 0; p < k; p++) {
            if (packed[p] == null || packed[p].length < n) {
                packed[p] = new float[n];
            }
        }
        return packed;
    }

    private int[] nonZeros(int share, int k) {
        int[] indices = nonZeroIndices[share];
        if (indices == null || indices.length < k) {
            indices = new int[k];
            nonZeroIndices[share] = indices;
        }
        return indices;
    }

    private float[] accumulator(int share, int n) {
        float[] acc = accumulators[share];
        if (acc == null || acc.length < n) {
            acc = new float[n];
            accumulators[share] = acc;
        }
        return acc;
    }

    @Override
    public void reluForward(float[] x, float[] y, int n) {
        elementwise.forward(Elementwise.RELU, x, y, n);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        elementwise.backward(Elementwise.RELU, x, null, dy, dx, n);
    }

    @Override
    public double softmaxCrossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes) {
        return SoftmaxRows.crossEntropy(z, labels, gradient, scale, rows, classes);
    }

    @Override
    public void map(Elementwise f, float[] x, float[] y, int n) {
        elementwise.forward(f, x, y, n);
    }

    @Override
    public void mapBackward(Elementwise f, float[] x, float[] y, float[] dy, float[] dx, int n) {
        elementwise.backward(f, x, y, dy, dx, n);
    }

    /** Nothing to release here: no threads. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[threads=" + threads() + "]";
    }
}
