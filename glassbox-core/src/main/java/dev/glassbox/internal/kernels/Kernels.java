package dev.glassbox.internal.kernels;

/**
 * The hot loops of training, as allocation-free primitives over row-major {@code float[]} arrays.
 *
 * <p>Contract, for every method: shapes are given explicitly and are not re-checked here (the
 * callers in {@code nn} and {@code loss} check them once); input arrays are not modified; the
 * output array is overwritten, or added into where the name ends in {@code Add}. An instance
 * owns scratch buffers and a worker pool, so it must not be called from two threads at once.
 * Results are bit-identical for a given thread count: each output element is produced by exactly
 * one thread, always summing in the same order.
 *
 * <p>Obtain one through {@link KernelChoice#create(int)}, the single place that picks the
 * implementation.
 */
public interface Kernels extends Parallel, AutoCloseable {

    /** The implementation's name as shown to users: {@code "simd"} or {@code "scalar"}. */
    String name();

    /** How many threads the products use. */
    int threads();

    /**
     * {@code c(m, n) = a(m, k) · b(n, k)ᵀ} — a dense layer's forward product {@code Y = X·Wᵀ}.
     *
     * @param a (m, k), not modified
     * @param b (n, k), not modified
     * @param c (m, n), overwritten
     */
    void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * {@code y(batch, out) = x(batch, in) · w(out, in)ᵀ + bias} — a dense layer's forward pass,
     * the bias added in the same pass over the output.
     *
     * @param x (batch, in), not modified
     * @param w (out, in), not modified
     * @param bias (out), not modified
     * @param y (batch, out), overwritten
     */
    void linear(float[] x, float[] w, float[] bias, float[] y, int batch, int out, int in);

    /**
     * {@code c(m, n) += a(k, m)ᵀ · b(k, n)} — the weight gradient {@code dW += dYᵀ·X}.
     *
     * @param a (k, m), not modified
     * @param b (k, n), not modified
     * @param c (m, n), added into
     */
    void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * {@code c(m, n) = a(m, k) · b(k, n)} — the input gradient {@code dX = dY·W}.
     *
     * @param a (m, k), not modified
     * @param b (k, n), not modified
     * @param c (m, n), overwritten
     */
    void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * {@code c(m, n) += row(n)} broadcast over the rows — adds a bias to every sample.
     *
     * @param row (n), not modified
     * @param c (m, n), added into
     */
    void addRowVector(float[] row, float[] c, int m, int n);

    /**
     * {@code sums(n) += Σ_rows a(m, n)} — the bias gradient.
     *
     * @param a (m, n), not modified
     * @param sums (n), added into
     */
    void columnSumsAdd(float[] a, float[] sums, int m, int n);

    /**
     * {@code y = max(0, x)} elementwise.
     *
     * @param x (n), not modified
     * @param y (n), overwritten
     */
    void reluForward(float[] x, float[] y, int n);

    /**
     * {@code dx = dy} where {@code x > 0}, else 0: the ReLU derivative applied to a gradient.
     *
     * @param x (n): the forward input, not modified
     * @param dy (n), not modified
     * @param dx (n), overwritten
     */
    void reluBackward(float[] x, float[] dy, float[] dx, int n);

    /** Stops the worker threads; the instance is unusable afterwards. */
    @Override
    void close();
}
