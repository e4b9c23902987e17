package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox explain}: one SVG per step, holding the engine's numbers for the chosen image. */
class ExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEachStepWithTheEnginesNumbers() throws Exception {
        Network network = NetworkSpec.parse("784-12-relu-8-relu-10").build(5);
        Path model = dir.resolve("m.safetensors");
        ModelFiles.save(model, network, Map.of());
        Path out = dir.resolve("figures");

        CliRun run = CliRun.of("explain", "--model", model.toString(), "--digit", "7", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        assertThat(out.resolve("1-output-error.svg")).exists();
        assertThat(out.resolve("2-output-weights.svg")).exists();
        assertThat(out.resolve("3-hidden-2.svg")).exists();
        assertThat(out.resolve("4-hidden-1.svg")).exists();
        assertThat(out.resolve("5-update.svg")).exists();
        try (var files = Files.list(out)) {
            for (Path svg : files.toList()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed
            }
        }

        MnistData data = MnistFolder.load(Path.of(System.getProperty("glassbox.data")));
        int index = 0;
        while (data.test().label(index) != 7) {
            index++;
        }
        assertThat(run.out()).contains("Test image " + index + " (a 7)");
        float[] input = data.test().input(index);
        BackpropTrace trace = Explainer.of(network, new SoftmaxCrossEntropy(), KernelChoice.provider())
                .backprop(input, 7, OptimizerConfig.of("sgd"), 0.1f);
        String step1 = Files.readString(out.resolve("1-output-error.svg"));
        for (int d = 0; d < 10; d++) {
            assertThat(step1).contains(">" + String.format(Locale.ROOT, "%.4g", trace.dOutput()[d]) + "<");
        }
    }

    /**
     * The example is fed to the explainer exactly as a training batch holds it: pixel × (1/255),
     * which for half the byte values differs in the last bit from pixel / 255.
     */
    @Test
    void theInputHasTheBitsTrainingFeeds() {
        Dataset test = MnistFolder.load(Path.of(System.getProperty("glassbox.data"))).test();
        int index = 0;
        float[] input = new ExplainedSample(test, ModelInputs.digits(), index).input();
        Matrix batch = Matrix.zeros(1, test.features());
        test.fillBatch(new int[] {index}, 0, 1, batch, new int[1]);
        int[] pixels = test.image(index);
        boolean dividingDiffers = false;
        for (int i = 0; i < input.length; i++) {
            assertThat(Float.floatToRawIntBits(input[i])).as("pixel %d", i)
                    .isEqualTo(Float.floatToRawIntBits(batch.data()[i]));
            dividingDiffers |= Float.floatToRawIntBits(pixels[i] / 255f) != Float.floatToRawIntBits(input[i]);
        }
        assertThat(dividingDiffers).as("the image tells the two scalings apart").isTrue();
    }

    @Test
    void theSampleIsPickedOneWay() {
        CliRun both = CliRun.of("explain", "--index", "3", "--digit", "7", "--out", dir.toString());
        assertThat(both.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(both.err()).contains("pick the sample one way");
    }

    @Test
    void augmentDrawsAugmentedSamplesWithoutAModel() throws Exception {
        CliRun run = CliRun.of("explain", "--model", dir.resolve("none.safetensors").toString(), "--augment",
                "affine+elastic", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path svg = dir.resolve("augmented.svg");
        assertThat(run.out()).contains("Wrote " + svg).contains("affine:rotate=10.0");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());

        CliRun bad = CliRun.of("explain", "--augment", "wobble", "--out", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(bad.err()).contains("augmentation");
    }

    @Test
    void badChoicesAreUsageErrors() {
        assertThat(CliRun.of("explain", "--model", "m.safetensors").exitCode()).isEqualTo(Main.USAGE_ERROR);
        CliRun rate = CliRun.of("explain", "--learning-rate", "0", "--out", dir.toString());
        assertThat(rate.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(rate.err()).contains("--learning-rate");
    }
}
