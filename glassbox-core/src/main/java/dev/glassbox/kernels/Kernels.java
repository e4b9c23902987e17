package dev.glassbox.kernels;

import java.util.Arrays;

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
     * How the products are computed, as shown to users ({@code glassbox info}, the bench): the
     * register tile, the vector width, the blocking. Results never depend on it (see each
     * implementation); speed does.
     */
    default String shape() {
        return name();
    }

    /** Bits per vector register the products use: 32 when they are scalar code. */
    default int vectorBits() {
        return 32;
    }

    /**
     * The multiply-adds the products have left out since these kernels were opened, because one
     * side of them was a whole row or column of zeros (blank pixels at the same place in every
     * sample of a batch). A product with a zero adds nothing to a sum of finite values, so leaving
     * it out changes no bits; this count only says how much arithmetic was not done, so that a
     * rate can be quoted for the work that was. 0 for kernels that do not count.
     */
    default long skippedMultiplyAdds() {
        return 0;
    }

    /**
     * How long, in nanoseconds since these kernels were opened, their work ran on the calling
     * thread alone because another thread kept stalling it in the middle of its share: the
     * machine had taken its core away. 0 for kernels on one thread, or that never do.
     */
    default long aloneNanos() {
        return 0;
    }

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
    default void linear(float[] x, float[] w, float[] bias, float[] y, int batch, int out, int in) {
        linear(x, w, bias, y, batch, out, in, Epilogue.NONE);
    }

    /**
     * As {@link #linear(float[], float[], float[], float[], int, int, int)}, then {@code epilogue}
     * applied in the same pass: {@code y = relu(x·wᵀ + bias)} for {@link Epilogue#RELU}, which
     * saves a layer a read and a write of its whole output.
     */
    default void linear(float[] x, float[] w, float[] bias, float[] y, int batch, int out, int in, Epilogue epilogue) {
        // The definition, in three passes; a kernel that fuses them (SIMD) must give the same values.
        matmulNT(x, w, y, batch, out, in);
        addRowVector(bias, y, batch, out);
        if (epilogue == Epilogue.RELU) {
            reluForward(y, y, batch * out);
        }
    }

    /** What a product's output pass applies to each element after the bias. */
    enum Epilogue {
        NONE,
        /** max(0, v). */
        RELU
    }

    /**
     * {@code c(m, n) += a(k, m)ᵀ · b(k, n)} — the weight gradient {@code dW += dYᵀ·X}.
     *
     * @param a (k, m), not modified
     * @param b (k, n), not modified
     * @param c (m, n), added into
     */
    void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * {@code c(m, n) = 0 + a(k, m)ᵀ · b(k, n)}: {@link #matmulTNAdd} into a c of zeros, to the
     * bit, without reading c — a weight gradient's first write, which spares clearing it first.
     *
     * @param a (k, m), not modified
     * @param b (k, n), not modified
     * @param c (m, n), overwritten
     */
    default void matmulTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        Arrays.fill(c, 0, m * n, 0f); // the definition; SIMD writes c once
        matmulTNAdd(a, b, c, m, n, k);
    }

    /**
     * {@link #matmulTN}, then {@code then} run on every element of c exactly once, over ranges
     * whose values are final — a weight gradient and its optimizer update in one pass, each
     * range updated while it is still in cache. The ranges and their threads vary with the
     * implementation; an update that reads only its own element's values gives the same bits
     * whatever they are.
     *
     * @param a (k, m), not modified
     * @param b (k, n), not modified
     * @param c (m, n), overwritten, then handed to {@code then} range by range
     */
    default <J> void matmulTNThen(float[] a, float[] b, float[] c, int m, int n, int k, J job, Parallel.Loop<J> then) {
        matmulTN(a, b, c, m, n, k);
        forRanges(m * n, job, then);
    }

    /**
     * {@code c(m, n) = a(m, k) · b(k, n)} — the input gradient {@code dX = dY·W}.
     *
     * @param a (m, k), not modified
     * @param b (k, n), not modified
     * @param c (m, n), overwritten
     */
    void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * {@code c(m, n) = a(m, k) · b(k, n)} kept where {@code activated(m, n) > 0}, else 0 — the
     * input gradient of a dense layer passed straight through the ReLU below it,
     * {@code dX = (dY·W) ⊙ [relu output > 0]}, in one pass over c.
     *
     * @param a (m, k), not modified
     * @param b (k, n), not modified
     * @param activated (m, n): the ReLU's forward output, not modified
     * @param c (m, n), overwritten
     */
    default void matmulNNRelu(float[] a, float[] b, float[] activated, float[] c, int m, int n, int k) {
        matmulNN(a, b, c, m, n, k); // the definition, in two passes; SIMD fuses them
        reluBackward(activated, c, c, m * n);
    }

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
     * {@code sums(n) = 0 + Σ_rows a(m, n)}: {@link #columnSumsAdd} into sums of zeros, to the bit
     * — a bias gradient's first write.
     *
     * @param a (m, n), not modified
     * @param sums (n), overwritten
     */
    default void columnSums(float[] a, float[] sums, int m, int n) {
        Arrays.fill(sums, 0, n, 0f);
        columnSumsAdd(a, sums, m, n);
    }

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

    /**
     * Softmax cross-entropy of each row, and optionally its gradient, in one pass over the
     * outputs; defined by {@link SoftmaxRows#crossEntropy}, which the scalar kernels run.
     *
     * @param z (rows, classes): raw outputs, not modified
     * @param labels (rows) in 0..classes−1, not checked here
     * @param gradient (rows, classes): overwritten with (softmax(z) − onehot(label)) · scale; or null
     * @return the sum of the rows' losses, summed in row order
     */
    double softmaxCrossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes);

    /**
     * {@code y = f(x)} elementwise over the first n values, split across the threads.
     *
     * @param x (n), not modified
     * @param y (n), overwritten
     */
    void map(Elementwise f, float[] x, float[] y, int n);

    /**
     * {@code dx = dy · f'(x)} elementwise over the first n values, split across the threads.
     *
     * @param x (n): the forward input, not modified
     * @param y (n): the forward output f(x), not modified
     * @param dy (n), not modified
     * @param dx (n), overwritten
     */
    void mapBackward(Elementwise f, float[] x, float[] y, float[] dy, float[] dx, int n);

    /** Stops the worker threads; the instance is unusable afterwards. */
    @Override
    void close();
}
