package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import dev.glassbox.testkit.Approx;
import dev.glassbox.testkit.GoldenFile;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few full-batch training steps compared with an independent float64 NumPy reference,
 * {@code src/test/resources/dev/glassbox/golden/reference.py} (its docstring says how to
 * regenerate the files). The Java side computes in float32, so agreement is to ≈1e-5 relative.
 */
class GoldenTest {
    private static final String DIR = "/dev/glassbox/golden/";
    private static final GoldenFile IN = GoldenFile.load(DIR + "golden-input.txt");
    private static final GoldenFile OUT = GoldenFile.load(DIR + "golden-output.txt");
    private static final double RELATIVE = 1e-5;
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    private final Loss loss = new SoftmaxCrossEntropy();
    private final Matrix x = IN.matrix("x");
    private final int[] labels = Arrays.stream(IN.values("labels")).mapToInt(v -> (int) v).toArray();

    /** The spec's network with every parameter overwritten by the reference's starting weights. */
    private static Network network() {
        Network network = NetworkSpec.parse(IN.text("spec")).build(0);
        for (Parameter p : network.parameters()) {
            p.value().copyFrom(IN.matrix(p.name()));
        }
        return network;
    }

    private static OptimizerConfig config(String run) {
        OptimizerConfig defaults = OptimizerConfig.of(IN.text(run + ".optimizer"));
        return new OptimizerConfig(defaults.kind(),
                setting(run + ".momentum", defaults.momentum()),
                setting(run + ".beta1", defaults.beta1()),
                setting(run + ".beta2", defaults.beta2()),
                setting(run + ".epsilon", defaults.epsilon()),
                setting(run + ".weight_decay", defaults.weightDecay()));
    }

    private static float setting(String name, float fallback) {
        return IN.has(name) ? (float) IN.scalar(name) : fallback;
    }

    /** Steps 1…n: forward, loss, backward, optimizer step; the same batch every time. */
    private double step(Network network, Optimizer optimizer, float learningRate) {
        Pass pass = Pass.training(KERNELS, new Rng(0)); // no dropout: the random is unused
        network.zeroGradients();
        Matrix output = network.forward(x, pass);
        Matrix dOutput = Matrix.zeros(output.rows(), output.cols());
        double value = loss.valueAndGradient(output, labels, dOutput);
        network.backward(dOutput, pass);
        if (optimizer != null) {
            optimizer.step(network.parameters(), learningRate);
        }
        return value;
    }

    @Test
    void referenceCoversEveryParameterAndRun() {
        Network network = network();
        assertThat(network.parameters()).allSatisfy(p -> assertThat(OUT.has("step1.grad." + p.name())).isTrue());
        assertThat(IN.text("runs").split(" ")).containsExactlyInAnyOrder("adam", "adamw", "momentum");
    }

    @Test
    void stepOneLogitsAndGradients() {
        Network network = network();
        Matrix logits = network.forward(x, Pass.inference(KERNELS)).copy();
        Approx.assertAllClose("logits", logits.data(), OUT.values("step1.logits"), RELATIVE, 1e-7);
        step(network, null, 0);
        for (Parameter p : network.parameters()) {
            Approx.assertAllClose("∂loss/∂" + p.name(), p.gradient().data(), OUT.values("step1.grad." + p.name()),
                    RELATIVE, 1e-8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adamw", "momentum"})
    void stepsMatchTheReference(String run) {
        Network network = network();
        Optimizer optimizer = config(run).create();
        float learningRate = (float) IN.scalar(run + ".learning_rate");
        double[] expectedLosses = OUT.values(run + ".loss");
        int steps = (int) IN.scalar("steps");
        assertThat(expectedLosses).hasSize(steps);
        for (int s = 1; s <= steps; s++) {
            double value = step(network, optimizer, learningRate);
            Approx.assertClose(run + " loss at step " + s, value, expectedLosses[s - 1], RELATIVE, 0);
            if (s == 1) {
                assertWeights(network, run + ".step1.");
            }
        }
        assertWeights(network, run + ".final.");
    }

    private static void assertWeights(Network network, String prefix) {
        for (Parameter p : network.parameters()) {
            Approx.assertAllClose(prefix + p.name(), p.value().data(), OUT.values(prefix + p.name()), RELATIVE, 1e-7);
        }
    }
}
