package dev.glassbox.web;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.tensor.PortableMath;

/**
 * What TeaVM 0.16.0's JavaScript build computes for {@link ReferenceKernels}, written out in Java:
 * the same loops with Java's float semantics replaced by JavaScript's. TeaVM's JavaScript backend
 * keeps a {@code float} local, argument or intermediate as a JavaScript number (a double) and
 * emits no {@code Math.fround}: float additions, multiplications and divisions round to double,
 * casts to {@code float} are dropped, and the only rounding to float happens when a value is stored
 * into a {@code float[]} (a {@code Float32Array}). So a dot product accumulates in double and is
 * rounded to float once, where the JVM rounds every product and every partial sum.
 *
 * <p>Single float operations whose result is stored at once ({@code c[i] += row[j]}, ReLU) give the
 * JVM's bits even so: a sum, difference, product or quotient of two floats rounded first to double
 * and then to float equals the float rounding, since 53 ≥ 2·24 + 2. The difference is confined to
 * chains of operations kept in locals.
 *
 * <p>The tests check that the JavaScript build matches this bit for bit, which pins down where it
 * differs from the JVM, and then bound that difference.
 */
final class JavaScriptFloats implements Kernels {

    @Override
    public String name() {
        return "javascript-floats";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = (float) sum;
            }
        }
    }

    @Override
    public void linear(float[] x, float[] w, float[] bias, float[] y, int batch, int out, int in, Epilogue epilogue) {
        matmulNT(x, w, y, batch, out, in);
        addRowVector(bias, y, batch, out);
        if (epilogue == Epilogue.RELU) {
            reluForward(y, y, batch * out);
        }
    }

    @Override
    public void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = c[i * n + j];
                for (int p = 0; p < k; p++) {
                    sum += (double) a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = (float) sum;
            }
        }
    }

    @Override
    public void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) sum;
            }
        }
    }

    @Override
    public void matmulNNRelu(float[] a, float[] b, float[] activated, float[] c, int m, int n, int k) {
        matmulNN(a, b, c, m, n, k);
        reluBackward(activated, c, c, m * n);
    }

    @Override
    public void addRowVector(float[] row, float[] c, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = (float) ((double) c[i * n + j] + row[j]);
            }
        }
    }

    @Override
    public void columnSumsAdd(float[] a, float[] sums, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                sums[j] = (float) ((double) sums[j] + a[i * n + j]);
            }
        }
    }

    @Override
    public void reluForward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    /**
     * {@code SoftmaxRows.crossEntropy} as the JavaScript build runs it: {@code z − max} is not
     * rounded to float before exp, and neither is the probability before {@code − 1} and
     * {@code · scale}. (The scale must be exactly a float here; the callers' {@code 1f / rows}, which
     * the JavaScript build also leaves in double, is one for rows a power of two.)
     */
    @Override
    public double softmaxCrossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += PortableMath.exp((double) z[row + c] - max);
            }
            total += PortableMath.log(sum) + max - z[row + labels[r]];
            if (gradient != null) {
                for (int c = 0; c < classes; c++) {
                    double p = PortableMath.exp((double) z[row + c] - max) / sum;
                    gradient[row + c] = (float) ((c == labels[r] ? p - 1 : p) * scale);
                }
            }
        }
        return total;
    }

    /** {@code w −= rate · gradient} as the JavaScript build runs it: one rounding, at the store. */
    static void descend(float[] w, float[] gradient, float rate) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] - (double) rate * gradient[i]);
        }
    }

    @Override
    public void map(dev.glassbox.kernels.Elementwise f, float[] x, float[] y, int n) {
        throw new UnsupportedOperationException("JavaScriptFloats: map is not emulated");
    }

    @Override
    public void mapBackward(dev.glassbox.kernels.Elementwise f, float[] x, float[] y, float[] dy, float[] dx, int n) {
        throw new UnsupportedOperationException("JavaScriptFloats: mapBackward is not emulated");
    }

    @Override
    public void close() {}
}
