package dev.glassbox.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.testkit.GradientCheck.Model;
import dev.glassbox.testkit.GradientCheck.Tolerance;
import dev.glassbox.testkit.SeededRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkTest {
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    /** A network with random biases too, so the bias path is exercised with non-zero values. */
    private static Network build(String spec, long seed) {
        Network network = NetworkSpec.parse(spec).build(seed);
        for (Parameter p : network.parameters()) {
            if (p.kind() == Parameter.Kind.BIAS) {
                p.value().copyFrom(Matrix.random(p.value().rows(), p.value().cols(), 0.5f, new Rng(seed + 1)));
            }
        }
        return network;
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @CsvSource({
        "6-5-tanh-4-sigmoid-3, 1",
        "6-5-tanh-4-sigmoid-3, 4",
        "1-1-tanh-1-sigmoid-1, 1",
        "1-1-tanh-1-sigmoid-1, 3",
        "6-5-gelu-4-identity-3, 2"
    })
    void gradientCheckOfEveryParameter(String spec, int batch) {
        Network network = build(spec, 31);
        Matrix x = SeededRandom.matrix(batch, network.inputSize(), 33);
        GradientCheck.checkModel(spec, Model.of(network), x, () -> Pass.inference(KERNELS), Tolerance.FLOAT32, 35);
    }

    @Test
    void gradientCheckWithDropoutInTraining() {
        Network network = build("6-5-tanh-dropout0.4-4-sigmoid-3", 37);
        Matrix x = SeededRandom.matrix(4, 6, 39);
        GradientCheck.checkModel("dropout network", Model.of(network), x,
                () -> Pass.training(KERNELS, new Rng(41)), Tolerance.FLOAT32, 43);
    }

    @Test
    void knownAnswerThroughTwoLayers() {
        // 2-2-relu-1 with W0 = [[1, −1], [2, 1]], b0 = [0, −1], W2 = [[3, 0.5]], b2 = [1]:
        // x = [1, 2] → h = [1−2, 2+2−1] = [−1, 3] → relu [0, 3] → y = 3·0 + 0.5·3 + 1 = 2.5
        Network network = NetworkSpec.parse("2-2-relu-1").build(0);
        var p = network.parametersByName();
        p.get("layers.0.weight").value().copyFrom(Matrix.of(new float[] {1, -1}, new float[] {2, 1}));
        p.get("layers.0.bias").value().copyFrom(Matrix.of(new float[] {0, -1}));
        p.get("layers.2.weight").value().copyFrom(Matrix.of(new float[] {3, 0.5f}));
        p.get("layers.2.bias").value().copyFrom(Matrix.of(new float[] {1}));
        Matrix y = network.predict(Matrix.of(new float[] {1, 2}), KernelChoice.create(1));
        assertThat(y.data()).containsExactly(2.5f);
        // dy = 1: dW2 = relu(h) = [0, 3], db2 = 1; dh = [3, 0.5] ⊙ relu'(h) = [0, 0.5];
        // dW0 = dhᵀ·x = [[0, 0], [0.5, 1]], db0 = [0, 0.5]
        network.zeroGradients();
        Pass pass = Pass.inference(KERNELS);
        network.forward(Matrix.of(new float[] {1, 2}), pass);
        network.backward(Matrix.of(new float[] {1}), pass);
        assertThat(p.get("layers.2.weight").gradient().data()).containsExactly(0, 3);
        assertThat(p.get("layers.2.bias").gradient().data()).containsExactly(1);
        assertThat(p.get("layers.0.weight").gradient().data()).containsExactly(0, 0, 0.5f, 1);
        assertThat(p.get("layers.0.bias").gradient().data()).containsExactly(0, 0.5f);
    }

    @Test
    void parameterValuesCarryWeightsToAnotherNetworkOfTheSameSpec() {
        Network from = Network.of("6-4-relu-3", 1);
        Network into = Network.of("6-4-relu-3", 2);
        Map<String, float[]> values = from.parameterValues();
        assertThat(values).containsOnlyKeys("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias");
        into.setParameterValues(values);
        values.get("layers.0.weight")[0] += 1; // a copy: changing it changes neither network
        assertThat(into.parameterValues().get("layers.0.weight"))
                .containsExactly(from.parameterValues().get("layers.0.weight"));

        Map<String, float[]> wrong = from.parameterValues();
        wrong.put("layers.2.bias", new float[2]);
        assertThatThrownBy(() -> into.setParameterValues(wrong)).hasMessageContaining("length 3 for layers.2.bias");
        wrong.remove("layers.2.bias");
        assertThatThrownBy(() -> into.setParameterValues(wrong)).hasMessageContaining("3 arrays for the 4 parameters");
    }
}
