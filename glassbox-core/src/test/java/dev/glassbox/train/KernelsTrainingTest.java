package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on a seeded MNIST subset with the SIMD kernels learns as well as with the scalar
 * reference, and is bit-identical run to run and across thread counts.
 */
class KernelsTrainingTest {
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() {
        MnistData mnist = MnistFolder.load(Path.of("../data/mnist"));
        train = mnist.train().slice("train[0:6000]", 0, 6000);
        test = mnist.test().slice("test[0:2000]", 0, 2000);
    }


    private static Result run(String kernels, int threads) {
        Network network = NetworkSpec.parse("784-128-relu-64-relu-10").build(7);
        TrainingConfig config = TrainingConfig.builder()
                .epochs(2)
                .batchSize(64)
                .learningRate(0.05f)
                .optimizer(OptimizerConfig.of("momentum"))
                .seed(3)
                .threads(threads)
                .build();
        String[] used = new String[1];
        TrainingResult result = new Trainer(config, KernelChoice.named(kernels))
                .addListener(new TrainingListener() {
                    @Override
                    public void started(TrainingEvents.Started e) {
                        used[0] = e.kernels();
                    }
                })
                .fit(network, TrainingData.of(train).withTest(test));
        assertThat(used[0]).isEqualTo(kernels);
        return new Result(result.last().test().accuracy(), weights(network));
    }

    private record Result(double accuracy, float[] weights) {}

    private static float[] weights(Network network) {
        return network.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .reduce(new float[0], (a, b) -> {
                    float[] joined = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
    }

    @Test
    void simdLearnsAsWellAsScalar() {
        Result scalar = run("scalar", 2);
        Result simd = run("simd", 2);
        assertThat(scalar.accuracy()).isGreaterThan(0.85);
        assertThat(simd.accuracy()).isCloseTo(scalar.accuracy(), org.assertj.core.data.Offset.offset(0.01));
        // Different summation orders: the weights differ in the last bits, not more.
        assertThat(Arrays.equals(simd.weights(), scalar.weights())).isFalse();
    }

    @Test
    void simdIsBitIdenticalRunToRunAndAcrossThreadCounts() {
        Result first = run("simd", 2);
        Result second = run("simd", 2);
        Result oneThread = run("simd", 1);
        assertThat(Arrays.equals(first.weights(), second.weights())).isTrue();
        assertThat(Arrays.equals(first.weights(), oneThread.weights())).isTrue();
        assertThat(first.accuracy()).isEqualTo(second.accuracy());
    }
}
