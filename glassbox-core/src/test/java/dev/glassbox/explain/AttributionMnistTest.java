package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Inference;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attribution on real digits, with the lab's default network ({@code 784-16-relu-16-relu-10},
 * trained as the lab trains it: three epochs of Adam at 0.003, batches of 64, seed 1; a few
 * seconds).
 */
class AttributionMnistTest {
    private static final int IMAGES = 100;
    private static Dataset test;
    private static Network network;
    private static Explainer explainer;
    private static Kernels kernels;

    @BeforeAll
    static void train() {
        MnistData mnist = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
        test = mnist.test();
        network = NetworkSpec.parse("784-16-relu-16-relu-10").build(1);
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(64).learningRate(0.003f)
                .optimizer(OptimizerConfig.of("adam")).seed(1).build();
        new Trainer(config, KernelChoice.provider()).fit(network, TrainingData.of(mnist.train()));
        explainer = Explainer.of(network, new SoftmaxCrossEntropy(), KernelChoice.provider());
        kernels = KernelChoice.create(1);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    /**
     * Completeness: for the first 100 test images, the integrated gradients of the answer's score
     * add up to score(image) − score(black) within 1 %.
     */
    @Test
    void integratedGradientsAreCompleteWithinOnePercent() {
        double[] gaps = new double[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            float[] x = test.input(i);
            int answer = explainer.forward(x).predicted();
            Attribution.Completeness c = explainer.attribution(x, answer).completeness();
            gaps[i] = c.relativeGap();
            assertThat(gaps[i]).as("test image %d: Σ IG = %s, S(x) − S(0) = %s", i, c.attributionSum(),
                    c.difference()).isLessThan(0.01);
        }
        Arrays.sort(gaps);
        System.out.printf("completeness over %d test images: median relative gap %.3g, largest %.3g%n", IMAGES,
                gaps[IMAGES / 2], gaps[IMAGES - 1]);
    }

    /** A real test image's answer flips to the class the network ranks second, with a few pixel changes. */
    @Test
    void theNudgeFlipsARealTestImage() {
        float[] x = test.input(0);
        float[] before = network.predict(Matrix.wrap(1, 784, x.clone()), kernels).data();
        int answer = Inference.argmax(before, 0, 10);
        int target = Nudge.toward(before, answer);
        assertThat(target).isNotEqualTo(answer);

        Nudge nudge = explainer.nudge(x, target, Nudge.Range.pixels(784), Nudge.MOST_CHANGES);

        assertThat(nudge.flipped()).as("flipped to %d after %d changes", target, nudge.changed().length).isTrue();
        float[] after = network.predict(Matrix.wrap(1, 784, nudge.nudged()), kernels).data();
        assertThat(Inference.argmax(after, 0, 10)).isEqualTo(target);
        assertThat(nudge.changed().length).isBetween(1, Nudge.MOST_CHANGES);
        System.out.printf("test image 0: a %d read as %d, read as %d after %d pixel changes%n", test.label(0), answer,
                target, nudge.changed().length);
    }
}
