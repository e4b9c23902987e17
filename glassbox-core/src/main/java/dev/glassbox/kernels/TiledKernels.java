package dev.glassbox.kernels;

/**
 * Scalar kernels for hosts without a vector unit the compiler can use — WebAssembly without SIMD,
 * JavaScript: each product keeps four output sums in registers while it walks the inner index,
 * instead of the {@link PackedKernels}' axpy form, which a vectorizing JIT turns into wide
 * instructions but a scalar host pays for with a load and a store of every sum per step. They
 * give the {@link ReferenceKernels}' bits: each output element is summed over p in ascending
 * order from zero (or from its value, for the {@code Add} kernels), skipping only exact zeros of
 * A, as the packed kernels do. No packing: B is read where it lies.
 */
public final class TiledKernels extends PackedKernels {
    public static final String NAME = "tiled";

    /** Opens tiled kernels on the calling thread; whatever is asked, they use one. */
    public static final KernelProvider PROVIDER = threads -> new TiledKernels();

    /** One row of A's non-zero entries: their indices p and values, reused from row to row. */
    private int[] nonZeroIndex = new int[0];
    private float[] nonZeroValue = new float[0];

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        // A(i, p) = a[i·k + p]; B(p, j) = b[j·k + p].
        product(a, k, 1, b, 1, k, c, m, n, k, false);
    }

    @Override
    public void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        // B(p, j) = b[p·n + j].
        product(a, k, 1, b, n, 1, c, m, n, k, false);
    }

    @Override
    public void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k) {
        // A(i, p) = a[p·m + i].
        product(a, 1, m, b, n, 1, c, m, n, k, true);
    }

    /**
     * {@code c(i, j) (+)= Σ_p A(i, p) · B(p, j)} with {@code A(i, p) = a[i·aRow + p·aCol]},
     * {@code B(p, j) = b[p·bP + j·bJ]} and {@code c(i, j) = c[i·n + j]}. A product with a zero
     * factor changes no finite sum, so it skips the zeros of whichever side has fewer non-zeros
     * (MNIST pixels in the first layer's weight gradient, ReLU zeros elsewhere) by computing
     * {@code Cᵀ = Bᵀ·Aᵀ} when B is the sparser; the order of each sum stays p ascending.
     */
    private void product(float[] a, int aRow, int aCol, float[] b, int bP, int bJ, float[] c, int m, int n, int k,
            boolean add) {
        // Work of each orientation: (non-zeros of A)·n against (non-zeros of B)·m; B is counted
        // only until it loses, so a dense weight matrix is not read in full.
        long aWork = nonZeros(a, aRow, aCol, m, k, Long.MAX_VALUE) * n;
        if (nonZeros(b, bJ, bP, n, k, aWork / Math.max(m, 1)) * m < aWork) {
            rows(b, bJ, bP, a, aCol, aRow, c, 1, n, n, m, k, add);
        } else {
            rows(a, aRow, aCol, b, bP, bJ, c, n, 1, m, n, k, add);
        }
    }

    /**
     * The non-zero entries of the rows × k matrix {@code x[r·rowStride + p·colStride]}, or any
     * count above {@code enough} once it is passed.
     */
    private static long nonZeros(float[] x, int rowStride, int colStride, int rows, int k, long enough) {
        long count = 0;
        for (int r = 0; r < rows && count <= enough; r++) {
            for (int p = 0; p < k; p++) {
                if (x[r * rowStride + p * colStride] != 0f) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Row by row of A: gathers the row's non-zero A(i, p), then sums four outputs
     * {@code c[i·cRow + j·cCol]} at a time over them.
     */
    private void rows(float[] a, int aRow, int aCol, float[] b, int bP, int bJ, float[] c, int cRow, int cCol, int m,
            int n, int k, boolean add) {
        if (nonZeroIndex.length < k) {
            nonZeroIndex = new int[k];
            nonZeroValue = new float[k];
        }
        int[] index = nonZeroIndex;
        float[] value = nonZeroValue;
        for (int i = 0; i < m; i++) {
            int count = 0;
            for (int p = 0; p < k; p++) {
                float s = a[i * aRow + p * aCol];
                if (s != 0f) {
                    index[count] = p * bP;
                    value[count] = s;
                    count++;
                }
            }
            int ci = i * cRow;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = j * bJ;
                int b1 = b0 + bJ;
                int b2 = b1 + bJ;
                int b3 = b2 + bJ;
                int c0At = ci + j * cCol;
                int c1At = c0At + cCol;
                int c2At = c1At + cCol;
                int c3At = c2At + cCol;
                float c0 = add ? c[c0At] : 0f;
                float c1 = add ? c[c1At] : 0f;
                float c2 = add ? c[c2At] : 0f;
                float c3 = add ? c[c3At] : 0f;
                for (int q = 0; q < count; q++) {
                    int bp = index[q];
                    float s = value[q];
                    c0 += s * b[bp + b0];
                    c1 += s * b[bp + b1];
                    c2 += s * b[bp + b2];
                    c3 += s * b[bp + b3];
                }
                c[c0At] = c0;
                c[c1At] = c1;
                c[c2At] = c2;
                c[c3At] = c3;
            }
            for (; j < n; j++) {
                int b0 = j * bJ;
                int cAt = ci + j * cCol;
                float c0 = add ? c[cAt] : 0f;
                for (int q = 0; q < count; q++) {
                    c0 += value[q] * b[index[q] + b0];
                }
                c[cAt] = c0;
            }
        }
    }
}
