package dev.glassbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.DigitImages;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java API example, line for line, except one epoch and files in a temporary folder. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExampleRuns() {
        Path digit = dir.resolve("digit.png");
        MnistData mnist = MnistFolder.load(Path.of("../data/mnist"));
        DigitImages.writePng(mnist.test().image(0), 28, 28, digit);

        Network network = NetworkSpec.parse("784-256-relu-128-relu-10").build(1);
        TrainingConfig config = TrainingConfig.builder()
                .epochs(1).batchSize(64).learningRate(1e-3f)
                .optimizer(OptimizerConfig.of("adam")).seed(1).build();
        TrainingResult result = new Trainer(config, KernelChoice.provider())
                .addListener(new TrainingListener() {
                    @Override public void epoch(TrainingEvents.Epoch e) {
                        System.out.printf("epoch %d: test accuracy %.4f%n", e.epoch(), e.test().accuracy());
                    }
                })
                .fit(network, TrainingData.of(mnist.train()).holdOut(5000).withTest(mnist.test()));
        ModelFiles.save(dir.resolve("model.safetensors"), network, Map.of());
        Matrix logits;
        try (Kernels kernels = KernelChoice.create(1)) {
            logits = network.predict(DigitImages.load(digit).toMatrix(), kernels);
        }

        assertThat(result.last().test().accuracy()).isGreaterThan(0.95);
        assertThat(argmax(logits)).isEqualTo(mnist.test().label(0));
    }

    private static int argmax(Matrix row) {
        int best = 0;
        for (int c = 1; c < row.cols(); c++) {
            if (row.get(0, c) > row.get(0, best)) {
                best = c;
            }
        }
        return best;
    }
}
