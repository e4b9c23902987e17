package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.SeededRandom;
import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The explainer's numbers are the engine's: the same as a whole-network pass, and true gradients. */
class ExplainerTest {
    private static final Kernels KERNELS = KernelChoice.create(1);
    private static final Loss LOSS = new SoftmaxCrossEntropy();

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    private static Network network(String spec, long seed) {
        return TestNetworks.withBiases(spec, seed);
    }

    private static float[] input(int n, long seed) {
        return SeededRandom.matrix(1, n, seed).data();
    }

    @ParameterizedTest
    @ValueSource(strings = {"6-5-tanh-4-relu-3", "784-32-relu-16-relu-10", "5-4-sigmoid-dropout0.5-3", "3-2"})
    void gradientsEqualThoseOfAWholeNetworkPass(String spec) {
        Network network = network(spec, 7);
        float[] x = input(network.inputSize(), 8);
        int label = network.outputSize() - 1;
        BackpropTrace trace = Explainer.of(network, LOSS, KernelChoice.provider()).backprop(x, label, OptimizerConfig.of("sgd"), 0.1f);

        Pass pass = Pass.inference(KERNELS);
        network.zeroGradients();
        Matrix output = network.forward(Matrix.wrap(1, x.length, x.clone()), pass);
        Matrix dOutput = Matrix.zeros(1, output.cols());
        double loss = LOSS.valueAndGradient(output, new int[] {label}, dOutput);
        network.backward(dOutput, pass);

        Approx.assertClose("loss", trace.loss(), loss, 1e-6, 1e-7);
        Approx.assertAllClose("output", trace.before().output(), output.data(), 1e-5, 1e-6);
        Approx.assertAllClose("dOutput", trace.dOutput(), dOutput.data(), 1e-5, 1e-7);
        List<Parameter> parameters = network.parameters();
        assertThat(trace.parameters()).hasSize(parameters.size());
        for (int p = 0; p < parameters.size(); p++) {
            BackpropTrace.ParameterStep step = trace.parameters().get(p);
            assertThat(step.name()).isEqualTo(parameters.get(p).name());
            Approx.assertAllClose(step.name(), step.gradient(), parameters.get(p).gradient().data(), 1e-5, 1e-7);
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        Network network = network("6-5-tanh-4-sigmoid-3", 11);
        Explainer explainer = Explainer.of(network, LOSS, KernelChoice.provider());
        float[] x = input(6, 12);
        int label = 1;
        BackpropTrace trace = explainer.backprop(x, label, OptimizerConfig.of("sgd"), 0.1f);
        GradientCheck.Objective lossOfInput = values -> {
            Matrix out = network.predict(Matrix.wrap(1, 6, GradientCheck.toFloat(values)), KernelChoice.create(1));
            return LOSS.value(out, new int[] {label});
        };
        GradientCheck.assertGradient("∂loss/∂pixel", lossOfInput, GradientCheck.toDouble(x),
                GradientCheck.toDouble(trace.layers().get(0).dInput()), GradientCheck.Tolerance.FLOAT32);
    }

    @Test
    void theCheckRejectsAGradientOfTheWrongExample() {
        Network network = network("6-5-tanh-4-sigmoid-3", 11);
        Explainer explainer = Explainer.of(network, LOSS, KernelChoice.provider());
        float[] x = input(6, 12);
        BackpropTrace wrongLabel = explainer.backprop(x, 2, OptimizerConfig.of("sgd"), 0.1f);
        GradientCheck.Objective lossOfInput = values -> LOSS.value(
                network.predict(Matrix.wrap(1, 6, GradientCheck.toFloat(values)), KernelChoice.create(1)), new int[] {1});
        assertThatThrownBy(() -> GradientCheck.assertGradient("∂loss/∂pixel", lossOfInput,
                        GradientCheck.toDouble(x), GradientCheck.toDouble(wrongLabel.layers().get(0).dInput()),
                        GradientCheck.Tolerance.FLOAT32))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void outputErrorIsProbabilityMinusDesired() {
        // Cross-entropy after softmax: ∂loss/∂z_c = p_c − [c = label] for a batch of one.
        Network network = network("4-3-relu-5", 3);
        BackpropTrace trace = Explainer.of(network, LOSS, KernelChoice.provider()).backprop(input(4, 4), 2, OptimizerConfig.of("sgd"), 1f);
        float[] p = trace.before().probabilities();
        float[] expected = new float[5];
        for (int c = 0; c < 5; c++) {
            expected[c] = p[c] - (c == 2 ? 1 : 0);
        }
        Approx.assertAllClose("dz", trace.outputColumn().dSums(), expected, 1e-6, 1e-7);
        assertThat(trace.outputColumn().dActivations()).isEqualTo(trace.outputColumn().dSums());
    }

    @Test
    void columnsGroupSumsAndActivations() {
        Network network = network("6-5-relu-4-tanh-3", 5);
        Explainer explainer = Explainer.of(network, LOSS, KernelChoice.provider());
        ForwardTrace trace = explainer.forward(input(6, 6));
        assertThat(trace.columns()).hasSize(3);
        ForwardTrace.ColumnValues first = trace.columns().get(0);
        assertThat(first.column().activation().specName()).isEqualTo("relu");
        for (int i = 0; i < 5; i++) {
            assertThat(first.activations()[i]).isEqualTo(Math.max(0f, first.sums()[i]));
        }
        assertThat(trace.columns().get(1).input()).isEqualTo(first.activations());
        assertThat(trace.columns().get(2).column().activation()).isNull();
        assertThat(trace.columns().get(2).activations()).isEqualTo(trace.output());
        Approx.assertAllClose("output", trace.output(), network.predict(Matrix.wrap(1, 6, input(6, 6)), KernelChoice.create(1)).data(),
                1e-6, 1e-7);
        float sum = 0;
        for (float v : trace.probabilities()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void sgdUpdateIsMinusRateTimesGradientAndShowsInTheNewOutput() {
        Network network = network("6-5-relu-4-relu-3", 9);
        float rate = 0.5f;
        BackpropTrace trace = Explainer.of(network, LOSS, KernelChoice.provider()).backprop(input(6, 10), 0, OptimizerConfig.of("sgd"), rate);
        for (BackpropTrace.ParameterStep step : trace.parameters()) {
            float[] expected = new float[step.gradient().length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = -rate * step.gradient()[i];
            }
            Approx.assertAllClose(step.name(), step.update(), expected, 1e-4, 1e-7);
        }
        Updates.apply(network, trace);
        Approx.assertAllClose("output after", trace.after().output(),
                network.predict(Matrix.wrap(1, 6, input(6, 10)), KernelChoice.create(1)).data(), 1e-6, 1e-7);
        assertThat(trace.lossAfter()).isLessThan(trace.loss());
        assertThat(trace.after().probabilities()[0]).isGreaterThan(trace.before().probabilities()[0]);
    }

    @Test
    void takesASnapshotAndLeavesItUnchanged() {
        Network network = network("6-5-relu-3", 13);
        Explainer explainer = Explainer.of(network, LOSS, KernelChoice.provider());
        float[] x = input(6, 14);
        ForwardTrace first = explainer.forward(x);
        explainer.backprop(x, 1, OptimizerConfig.of("adam"), 0.01f);
        network.parameters().get(0).value().fillZero(); // the source changes; the snapshot does not
        assertThat(explainer.forward(x).output()).isEqualTo(first.output());
        assertThat(explainer.backprop(x, 1, OptimizerConfig.of("sgd"), 0.1f).parameters().get(0).gradient())
                .isEqualTo(explainer.backprop(x, 1, OptimizerConfig.of("sgd"), 0.1f).parameters().get(0).gradient());
    }

    @Test
    void predictionsAgreeWithTheEvaluatorsConfusionMatrix() {
        Network network = network("6-5-relu-3", 17);
        SplittableRandom random = new SplittableRandom(18);
        int n = 1203; // more than two batches, the last one partial
        byte[] pixels = new byte[n * 6];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(3);
            for (int j = 0; j < 6; j++) {
                pixels[i * 6 + j] = (byte) random.nextInt(256);
            }
        }
        Dataset data = Dataset.of("random", pixels, labels, 2, 3, 3);
        int[] predicted = Explainer.of(network, LOSS, KernelChoice.provider()).predictions(data);
        long[][] counts = new long[3][3];
        for (int i = 0; i < n; i++) {
            counts[data.label(i)][predicted[i]]++;
        }
        assertThat(new ConfusionMatrix(counts))
                .isEqualTo(Evaluator.evaluate(network, LOSS, data, KernelChoice.create(1)).confusion());
    }

    @Test
    void rejectsBadExamples() {
        Explainer explainer = Explainer.of(network("6-5-relu-3", 13), LOSS, KernelChoice.provider());
        assertThatThrownBy(() -> explainer.forward(new float[5])).hasMessageContaining("expected 6 input values, got 5");
        float[] nan = new float[6];
        nan[2] = Float.NaN;
        assertThatThrownBy(() -> explainer.forward(nan)).hasMessageContaining("input value 2 is NaN");
        assertThatThrownBy(() -> explainer.backprop(new float[6], 3, OptimizerConfig.of("sgd"), 0.1f))
                .hasMessageContaining("label 3 is outside 0..2");
        assertThatThrownBy(() -> explainer.backprop(new float[6], 0, OptimizerConfig.of("sgd"), 0f))
                .hasMessageContaining("learning rate must be positive");
    }

    /** Applies a trace's update to a network, as the optimizer did to the explainer's copy. */
    private static final class Updates {
        static void apply(Network network, BackpropTrace trace) {
            for (BackpropTrace.ParameterStep step : trace.parameters()) {
                float[] w = network.parametersByName().get(step.name()).value().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] = step.value()[i] + step.update()[i];
                }
            }
        }
    }
}
