package dev.glassbox.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import dev.glassbox.testkit.SeededRandom;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Network} runs a dense layer and the ReLU after it as one fused step; the outputs and
 * every gradient must equal, bit for bit, those of the layers run one by one through their own
 * {@link Layer#forward} and {@link Layer#backward}; and a training step's backward, which writes
 * the gradients rather than clearing them and adding, must equal both.
 */
class NetworkFusionTest {


    @ParameterizedTest(name = "{0} on {1} with {2} threads")
    @CsvSource({
        "784-256-relu-128-relu-10, simd, 2",
        "784-256-relu-128-relu-10, scalar, 2",
        "784-300-relu-10, simd, 1",
        "20-16-relu-dropout0.3-12-relu-5-relu, simd, 2",
        "20-relu-16-tanh-12-relu-dropout0.2-5, simd, 1",
        "20-relu-16-tanh-12-relu-dropout0.2-5, scalar, 1"
    })
    void fusedNetworkEqualsLayerByLayer(String spec, String implementation, int threads) {
        try (Kernels kernels = KernelChoice.named(implementation).open(threads)) {
            assertThat(kernels.name()).isEqualTo(implementation);
            Network fused = NetworkSpec.parse(spec).build(3);
            Network layered = NetworkSpec.parse(spec).build(3);
            // 37 samples: not a multiple of the SIMD tile, and fewer than most layers' neurons.
            Matrix x = SeededRandom.matrix(37, fused.inputSize(), 5);
            Matrix dOutput = SeededRandom.matrix(37, fused.outputSize(), 7);

            Matrix y1 = fused.forward(x, Pass.training(kernels, new Rng(9))).copy();
            fused.zeroGradients();
            fused.backward(dOutput, Pass.training(kernels, new Rng(9)));

            Pass pass = Pass.training(kernels, new Rng(9));
            Matrix y2 = x;
            for (Layer layer : layered.layers()) {
                y2 = layer.forward(y2, pass);
            }
            layered.zeroGradients();
            Matrix d = dOutput;
            List<Layer> layers = layered.layers();
            for (int i = layers.size() - 1; i >= 0; i--) {
                d = layers.get(i).backward(d, pass, i == 0 ? Layer.InputGradient.SKIP : Layer.InputGradient.COMPUTE);
            }

            assertThat(y1.data()).as("outputs").containsExactly(y2.data());
            for (int i = 0; i < fused.parameters().size(); i++) {
                Parameter a = fused.parameters().get(i);
                Parameter b = layered.parameters().get(i);
                assertThat(a.gradient().data()).as(a.name() + " gradient").containsExactly(b.gradient().data());
            }

            // A training step's backward writes the gradients instead of clearing and adding: the same bits.
            Network written = NetworkSpec.parse(spec).build(3);
            written.forward(x, Pass.training(kernels, new Rng(9)));
            for (Parameter p : written.parameters()) {
                java.util.Arrays.fill(p.gradient().data(), Float.NaN); // the last step's, never read
            }
            written.backwardIntoClearedGradients(dOutput, Pass.training(kernels, new Rng(9)));
            for (int i = 0; i < fused.parameters().size(); i++) {
                Parameter a = fused.parameters().get(i);
                Parameter w = written.parameters().get(i);
                assertThat(w.gradient().data()).as(w.name() + " gradient, written").containsExactly(a.gradient().data());
            }
        }
    }
}
