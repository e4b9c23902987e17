package dev.glassbox.kernels;

/**
 * The slow, obvious kernels: sequential plain loops on the calling thread — no threads, no
 * packing, no scratch buffers — that run wherever Java runs, a browser included. Every fast
 * implementation is tested against these.
 *
 * <p>Each output element is a sum over the inner index {@code p} in ascending order, started from
 * zero (or from the existing value, for the {@code Add} kernels), each product rounded to float
 * before it is added: {@code c += a·b} as two roundings, never a fused multiply-add. That order is
 * what makes a result the same on every host.
 *
 * <p>What it is not: fast. It is the definition the others are measured against.
 */
public final class ReferenceKernels implements Kernels {
    public static final String NAME = "reference";

    /** Opens reference kernels; they always run on the calling thread alone, whatever is asked. */
    public static final KernelProvider PROVIDER = threads -> new ReferenceKernels();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    public void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = c[i * n + j];
                for (int p = 0; p < k; p++) {
                    sum += a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    public void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    public void addRowVector(float[] row, float[] c, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] += row[j];
            }
        }
    }

    @Override
    public void columnSumsAdd(float[] a, float[] sums, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                sums[j] += a[i * n + j];
            }
        }
    }

    @Override
    public void reluForward(float[] x, float[] y, int n) {
        Elementwise.RELU.forward(x, y, 0, n);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        Elementwise.RELU.backward(x, null, dy, dx, 0, n);
    }

    @Override
    public double softmaxCrossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes) {
        return SoftmaxRows.crossEntropy(z, labels, gradient, scale, rows, classes);
    }

    @Override
    public void map(Elementwise f, float[] x, float[] y, int n) {
        f.forward(x, y, 0, n);
    }

    @Override
    public void mapBackward(Elementwise f, float[] x, float[] y, float[] dy, float[] dx, int n) {
        f.backward(x, y, dy, dx, 0, n);
    }

    /** Nothing to release: no threads, no buffers. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "ReferenceKernels";
    }
}
