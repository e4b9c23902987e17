package dev.glassbox.web;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The engine as JavaScript functions, for the WebAssembly GC and the JavaScript builds alike:
 * each {@link JSExport} method becomes a function of the compiled module ({@code exports.linear}
 * once {@code TeaVM.wasmGC.load} has loaded the WebAssembly build; a named export of the
 * JavaScript build's ES module). Arguments and results are typed arrays, copied into Java arrays
 * on the way in and out ({@code copyToJavaArray}, {@code copyFromJavaArray}); the arithmetic is
 * all in {@link Computations}, which the JVM tests call directly.
 *
 * <p>Matrices are row-major, shapes as in {@link Kernels}. The kernels are the sequential
 * {@link ReferenceKernels}: a page has no threads to give them.
 *
 * <p>What it is not: the engine's full API. Networks, training runs and model files come once the
 * engine no longer reaches JVM-only classes ({@code java.util.SplittableRandom}, files).
 */
public final class Engine {
    private static final Kernels KERNELS = ReferenceKernels.PROVIDER.open(1);

    private Engine() {}

    /**
     * {@code y(batch, out) = x(batch, in) · w(out, in)ᵀ + bias(out)}.
     *
     * @return y, a new array
     */
    @JSExport
    public static Float32Array linear(Float32Array x, Float32Array w, Float32Array bias, int batch, int out, int in) {
        return Float32Array.copyFromJavaArray(Computations.linear(
                KERNELS, x.copyToJavaArray(), w.copyToJavaArray(), bias.copyToJavaArray(),
                new Computations.LinearShape(batch, out, in)));
    }

    /**
     * The gradient of the mean softmax cross-entropy with respect to z (rows, classes), where rows
     * is {@code labels.length}.
     *
     * @return (rows, classes), a new array
     */
    @JSExport
    public static Float32Array softmaxCrossEntropyGradient(Float32Array z, Int32Array labels, int classes) {
        return Float32Array.copyFromJavaArray(Computations.softmaxCrossEntropyGradient(
                KERNELS, z.copyToJavaArray(), labels.copyToJavaArray(), classes));
    }

    /** The summed softmax cross-entropy of the rows of z (rows, classes) against the labels. */
    @JSExport
    public static double softmaxCrossEntropyLoss(Float32Array z, Int32Array labels, int classes) {
        return Computations.softmaxCrossEntropyLoss(KERNELS, z.copyToJavaArray(), labels.copyToJavaArray(), classes);
    }

    /**
     * The engine's own exp, expm1, log, tanh, sigmoid, sin, cos and x⁷ of every x.
     *
     * @return (x.length, 8), one row per argument, a new array
     */
    @JSExport
    public static Float64Array portableMath(Float64Array x) {
        return Float64Array.copyFromJavaArray(Computations.portableMath(x.copyToJavaArray()));
    }

    /**
     * Full-batch gradient descent of {@code in → hidden (ReLU) → classes} with softmax
     * cross-entropy, {@code steps} times.
     *
     * @param x (batch, in), where batch is {@code labels.length}
     * @param parameters W1 (hidden, in), b1 (hidden), W2 (classes, hidden), b2 (classes), packed
     * @return the parameters after the last step, packed the same way, a new array
     */
    @JSExport
    public static Float32Array gradientDescent(
            Float32Array x,
            Int32Array labels,
            Float32Array parameters,
            int hidden,
            int classes,
            int steps,
            float learningRate) {
        int batch = labels.getLength();
        int in = batch == 0 ? 0 : x.getLength() / batch;
        return Float32Array.copyFromJavaArray(Computations.gradientDescent(
                KERNELS,
                new Computations.TwoLayers(batch, in, hidden, classes),
                x.copyToJavaArray(),
                labels.copyToJavaArray(),
                parameters.copyToJavaArray(),
                new Computations.Descent(steps, learningRate)));
    }
}
