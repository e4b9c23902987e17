package dev.glassbox.testkit;

import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Centered finite differences in double precision: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h,
 * compared element by element with an analytic gradient.
 *
 * <p>The core ({@link #numericGradient}, {@link #assertGradient}) works on any {@link Objective}
 * over {@code double[]} and is exact up to the O(h²) truncation error, so it is itself tested
 * on double functions. Layers compute in float32; {@link #checkModel} adapts them by rounding
 * the perturbed point to float, running the layer, and reading the scalar objective
 * {@code L = Σ dOut ⊙ model(x)} back in double. Steps are powers of two so that, for inputs of
 * order 1, x ± h is exactly representable in float.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** A scalar function of a vector, evaluated in double. Must not keep or modify {@code x}. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] x);
    }

    /**
     * How to check: element i passes when |analytic − numeric| ≤ absolute + relative · max(|analytic|, |numeric|).
     *
     * @param step h of the centered difference
     * @param relative allowed difference as a fraction of the larger magnitude
     * @param absolute the floor for gradients at or near zero
     */
    public record Tolerance(double step, double relative, double absolute) {
        /** Functions computed in double: truncation error ~h² = 1e-10. */
        public static final Tolerance DOUBLE = new Tolerance(1e-5, 1e-6, 1e-9);

        /**
         * Layers computing in float32. Rounding each output to float (~6e-8 relative) gives a
         * difference-quotient noise of about n · 6e-8 / 2h ≈ n · 4e-6 for n outputs; h = 2⁻⁷ keeps
         * the truncation error h²/6 · f''' near 3e-5.
         */
        public static final Tolerance FLOAT32 = new Tolerance(0x1p-7, 1e-2, 1e-3);
    }

    /** ∂f/∂x by centered differences; {@code x} is restored before returning. */
    public static double[] numericGradient(Objective f, double[] x, double step) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            x[i] = original + step;
            double plus = f.value(x);
            x[i] = original - step;
            double minus = f.value(x);
            x[i] = original;
            gradient[i] = (plus - minus) / (2 * step);
        }
        return gradient;
    }

    /** Throws an {@link AssertionError} naming the worst element unless {@code analytic} matches the numeric gradient. */
    public static void assertGradient(String what, Objective f, double[] x, double[] analytic, Tolerance tolerance) {
        if (analytic.length != x.length) {
            throw new AssertionError(what + ": analytic gradient has " + analytic.length + " values, expected "
                    + x.length);
        }
        double[] numeric = numericGradient(f, x.clone(), tolerance.step());
        int worst = -1;
        double worstExcess = 0;
        int failures = 0;
        for (int i = 0; i < x.length; i++) {
            double allowed = tolerance.absolute()
                    + tolerance.relative() * Math.max(Math.abs(analytic[i]), Math.abs(numeric[i]));
            double excess = Math.abs(analytic[i] - numeric[i]) / allowed;
            if (!(excess <= 1)) { // also catches NaN
                failures++;
                if (worst < 0 || !(excess <= worstExcess)) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (failures > 0) {
            throw new AssertionError(what + ": " + failures + " of " + x.length
                    + " gradient values disagree with finite differences; worst at index " + worst + ": analytic "
                    + analytic[worst] + ", numeric " + numeric[worst] + " (" + tolerance + ")");
        }
    }

    /** Something with a forward pass, a backward pass and parameters: a layer or a whole network. */
    public interface Model {
        Matrix forward(Matrix input, Pass pass);

        /** Adds into the parameters' gradients; returns ∂L/∂input, or null if the model does not compute it. */
        Matrix backward(Matrix dOutput, Pass pass);

        List<Parameter> parameters();

        static Model of(Layer layer) {
            return new Model() {
                @Override
                public Matrix forward(Matrix input, Pass pass) {
                    return layer.forward(input, pass);
                }

                @Override
                public Matrix backward(Matrix dOutput, Pass pass) {
                    return layer.backward(dOutput, pass, Layer.InputGradient.COMPUTE);
                }

                @Override
                public List<Parameter> parameters() {
                    return layer.parameters();
                }

                @Override
                public String toString() {
                    return layer.toString();
                }
            };
        }

        /** A network; its backward does not return ∂L/∂input, so only parameters are checked. */
        static Model of(Network network) {
            return new Model() {
                @Override
                public Matrix forward(Matrix input, Pass pass) {
                    return network.forward(input, pass);
                }

                @Override
                public Matrix backward(Matrix dOutput, Pass pass) {
                    network.backward(dOutput, pass);
                    return null;
                }

                @Override
                public List<Parameter> parameters() {
                    return network.parameters();
                }

                @Override
                public String toString() {
                    return network.toString();
                }
            };
        }
    }

    /**
     * Checks ∂L/∂input (when the model returns it) and ∂L/∂parameter for every parameter, where
     * {@code L = Σ dOut ⊙ model(input)} and dOut is random from {@code seed}.
     *
     * @param input (batch, in), not modified
     * @param passes a pass for every forward: a training pass with a freshly seeded random draws
     *     the same dropout mask every time
     */
    public static void checkModel(
            String what, Model model, Matrix input, Supplier<Pass> passes, Tolerance tolerance, long seed) {
        Pass pass = passes.get();
        Matrix output = model.forward(input, pass);
        Matrix dOutput = SeededRandom.matrix(output.rows(), output.cols(), seed);
        for (Parameter p : model.parameters()) {
            p.zeroGradient();
        }
        Matrix dInput = model.backward(dOutput, pass);
        double[] analyticInput = dInput == null ? null : toDouble(dInput.data());
        List<double[]> analyticParameters = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            analyticParameters.add(toDouble(p.gradient().data()));
        }

        if (analyticInput != null) {
            int rows = input.rows();
            int cols = input.cols();
            assertGradient(what + " ∂L/∂input",
                    x -> objective(model, Matrix.wrap(rows, cols, toFloat(x)), passes, dOutput),
                    toDouble(input.data()), analyticInput, tolerance);
        }
        List<Parameter> parameters = model.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] values = p.value().data();
            float[] original = values.clone();
            try {
                assertGradient(what + " ∂L/∂" + p.name(), w -> {
                    for (int j = 0; j < values.length; j++) {
                        values[j] = (float) w[j];
                    }
                    return objective(model, input, passes, dOutput);
                }, toDouble(original), analyticParameters.get(i), tolerance);
            } finally {
                System.arraycopy(original, 0, values, 0, values.length);
            }
        }
    }

    /** Checks ∂loss/∂output against the differences of {@link Loss#value}, which already computes in double. */
    public static void checkLoss(String what, Loss loss, Matrix output, int[] labels, Tolerance tolerance) {
        Matrix dOutput = Matrix.zeros(output.rows(), output.cols());
        loss.valueAndGradient(output, labels, dOutput);
        int rows = output.rows();
        int cols = output.cols();
        assertGradient(what + " ∂loss/∂output", z -> loss.value(Matrix.wrap(rows, cols, toFloat(z)), labels),
                toDouble(output.data()), toDouble(dOutput.data()), tolerance);
    }

    /** L = Σ dOut ⊙ model(input), summed in double. */
    private static double objective(Model model, Matrix input, Supplier<Pass> passes, Matrix dOutput) {
        float[] y = model.forward(input, passes.get()).data();
        float[] d = dOutput.data();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (double) d[i] * y[i];
        }
        return sum;
    }

    public static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    public static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
