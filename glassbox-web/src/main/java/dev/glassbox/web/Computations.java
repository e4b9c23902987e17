package dev.glassbox.web;

import dev.glassbox.kernels.Kernels.Epilogue;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.PortableMath;
import java.util.Arrays;
import java.util.List;

/**
 * What the web page can ask the engine to compute, on plain Java arrays: {@link Engine} converts
 * JavaScript's typed arrays to these and back, and the JVM tests call these same methods, so a
 * page's result and the JVM's come from one piece of code. Every method allocates its result and
 * modifies none of its arguments.
 *
 * <p>Only engine classes that compile for the browser today are reached from here: the kernels
 * interface with its sequential reference implementation, and {@link PortableMath}.
 */
final class Computations {
    private Computations() {}

    /**
     * {@code y(batch, out) = x(batch, in) · w(out, in)ᵀ + bias(out)}: a dense layer's forward pass.
     *
     * @return y (batch, out)
     */
    static float[] linear(Kernels kernels, float[] x, float[] w, float[] bias, LinearShape shape) {
        requireLength("linear: x", x, shape.batch() * shape.in());
        requireLength("linear: w", w, shape.out() * shape.in());
        requireLength("linear: bias", bias, shape.out());
        float[] y = new float[shape.batch() * shape.out()];
        kernels.linear(x, w, bias, y, shape.batch(), shape.out(), shape.in());
        return y;
    }

    /**
     * The gradient of the mean softmax cross-entropy over the rows of z with respect to z:
     * {@code (softmax(z_r) − onehot(label_r)) / rows}.
     *
     * @param z (rows, classes) raw outputs
     * @param labels (rows) in 0..classes−1
     * @return (rows, classes)
     */
    static float[] softmaxCrossEntropyGradient(Kernels kernels, float[] z, int[] labels, int classes) {
        int rows = rowsOf("softmaxCrossEntropyGradient", z, labels, classes);
        float[] gradient = new float[z.length];
        kernels.softmaxCrossEntropy(z, labels, gradient, 1f / rows, rows, classes);
        return gradient;
    }

    /** The summed softmax cross-entropy of the rows of z (rows, classes) against labels (rows). */
    static double softmaxCrossEntropyLoss(Kernels kernels, float[] z, int[] labels, int classes) {
        int rows = rowsOf("softmaxCrossEntropyLoss", z, labels, classes);
        return kernels.softmaxCrossEntropy(z, labels, null, 1f, rows, classes);
    }

    /** The functions {@link #portableMath} applies to every argument, in the order of its output columns. */
    static final List<String> PORTABLE_MATH = List.of("exp", "expm1", "log", "tanh", "sigmoid", "sin", "cos", "pow7");

    /**
     * For every x: exp, expm1, log, tanh, sigmoid, sin, cos and x⁷, from {@link PortableMath}.
     *
     * @return (x.length, 8), one row per argument, columns as {@link #PORTABLE_MATH}
     */
    static double[] portableMath(double[] x) {
        int columns = PORTABLE_MATH.size();
        double[] y = new double[x.length * columns];
        for (int i = 0; i < x.length; i++) {
            int row = i * columns;
            y[row] = PortableMath.exp(x[i]);
            y[row + 1] = PortableMath.expm1(x[i]);
            y[row + 2] = PortableMath.log(x[i]);
            y[row + 3] = PortableMath.tanh(x[i]);
            y[row + 4] = PortableMath.sigmoid(x[i]);
            y[row + 5] = PortableMath.sin(x[i]);
            y[row + 6] = PortableMath.cos(x[i]);
            y[row + 7] = PortableMath.pow(x[i], 7);
        }
        return y;
    }

    /**
     * Plain full-batch gradient descent of a two-layer network, {@code steps} times:
     * <pre>
     *   h = relu(x·W1ᵀ + b1)          x (batch, in), W1 (hidden, in), b1 (hidden)
     *   z = h·W2ᵀ + b2                W2 (classes, hidden), b2 (classes)
     *   loss = mean over rows of −log softmax(z)[label]
     *   p −= learningRate · ∂loss/∂p  for p in W1, b1, W2, b2
     * </pre>
     * written with the {@link Kernels} calls a {@code Dense} layer and the loss make, nothing else:
     * no initialisation, no shuffling, no optimizer state.
     *
     * @param x (batch, in), not modified
     * @param labels (batch) in 0..classes−1, not modified
     * @param parameters W1, b1, W2, b2 one after the other ({@link TwoLayers#parameterCount()}), not modified
     * @return the parameters after the last step, in the same layout
     */
    static float[] gradientDescent(
            Kernels kernels, TwoLayers net, float[] x, int[] labels, float[] parameters, Descent descent) {
        int batch = net.batch();
        int in = net.in();
        int hidden = net.hidden();
        int classes = net.classes();
        requireLength("gradientDescent: x", x, batch * in);
        requireLength("gradientDescent: labels", labels.length, batch);
        requireLength("gradientDescent: parameters", parameters, net.parameterCount());
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        "gradientDescent: expected labels in 0.." + (classes - 1) + ", got " + label);
            }
        }

        float[] p = parameters.clone();
        float[] w1 = new float[hidden * in];
        float[] b1 = new float[hidden];
        float[] w2 = new float[classes * hidden];
        float[] b2 = new float[classes];
        split(p, w1, b1, w2, b2);
        float[] dw1 = new float[w1.length];
        float[] db1 = new float[b1.length];
        float[] dw2 = new float[w2.length];
        float[] db2 = new float[b2.length];
        float[] h = new float[batch * hidden];
        float[] z = new float[batch * classes];
        float[] dz = new float[batch * classes];
        float[] dh = new float[batch * hidden];

        for (int step = 0; step < descent.steps(); step++) {
            kernels.linear(x, w1, b1, h, batch, hidden, in, Epilogue.RELU);
            kernels.linear(h, w2, b2, z, batch, classes, hidden);
            kernels.softmaxCrossEntropy(z, labels, dz, 1f / batch, batch, classes);

            Arrays.fill(dw2, 0f);
            Arrays.fill(db2, 0f);
            Arrays.fill(dw1, 0f);
            Arrays.fill(db1, 0f);
            kernels.matmulTNAdd(dz, h, dw2, classes, hidden, batch); // dW2 += dzᵀ·h
            kernels.columnSumsAdd(dz, db2, batch, classes); //         db2 += Σ_rows dz
            kernels.matmulNNRelu(dz, w2, h, dh, batch, hidden, classes); // dh = (dz·W2) ⊙ [h > 0]
            kernels.matmulTNAdd(dh, x, dw1, hidden, in, batch); //     dW1 += dhᵀ·x
            kernels.columnSumsAdd(dh, db1, batch, hidden); //          db1 += Σ_rows dh

            float rate = descent.learningRate();
            descend(kernels, w1, dw1, rate);
            descend(kernels, b1, db1, rate);
            descend(kernels, w2, dw2, rate);
            descend(kernels, b2, db2, rate);
        }
        join(p, w1, b1, w2, b2);
        return p;
    }

    /** {@code w −= rate · gradient}, elementwise (modifies w). */
    private static void descend(Kernels kernels, float[] w, float[] gradient, float rate) {
        kernels.forRanges(w.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                w[i] -= rate * gradient[i];
            }
        });
    }

    private static void split(float[] packed, float[]... parts) {
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(packed, at, part, 0, part.length);
            at += part.length;
        }
    }

    private static void join(float[] packed, float[]... parts) {
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, packed, at, part.length);
            at += part.length;
        }
    }

    private static int rowsOf(String where, float[] z, int[] labels, int classes) {
        if (classes <= 0 || z.length % classes != 0) {
            throw new IllegalArgumentException(where + ": expected z to hold whole rows of " + classes
                    + " classes, got " + z.length + " values");
        }
        int rows = z.length / classes;
        requireLength(where + ": labels", labels.length, rows);
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        where + ": expected labels in 0.." + (classes - 1) + ", got " + label);
            }
        }
        return rows;
    }

    private static void requireLength(String what, float[] array, int expected) {
        requireLength(what, array.length, expected);
    }

    private static void requireLength(String what, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(what + " has " + length + " values, expected " + expected);
        }
    }

    /** The shape of one dense layer's forward pass: {@code batch} rows of {@code in} values to {@code out}. */
    record LinearShape(int batch, int out, int in) {
        LinearShape {
            if (batch < 0 || out < 0 || in < 0) {
                throw new IllegalArgumentException(
                        "LinearShape: expected sizes ≥ 0, got batch " + batch + ", out " + out + ", in " + in);
            }
        }
    }

    /** The sizes of the two-layer network {@code in → hidden (ReLU) → classes} trained on one batch. */
    record TwoLayers(int batch, int in, int hidden, int classes) {
        TwoLayers {
            if (batch <= 0 || in <= 0 || hidden <= 0 || classes <= 0) {
                throw new IllegalArgumentException("TwoLayers: expected sizes ≥ 1, got batch " + batch + ", in "
                        + in + ", hidden " + hidden + ", classes " + classes);
            }
        }

        /** W1, b1, W2 and b2 together. */
        int parameterCount() {
            return hidden * in + hidden + classes * hidden + classes;
        }
    }

    /** How long and how fast gradient descent runs. */
    record Descent(int steps, float learningRate) {
        Descent {
            if (steps < 0 || !(learningRate > 0)) {
                throw new IllegalArgumentException(
                        "Descent: expected steps ≥ 0 and a learning rate > 0, got " + steps + " and " + learningRate);
            }
        }
    }
}
