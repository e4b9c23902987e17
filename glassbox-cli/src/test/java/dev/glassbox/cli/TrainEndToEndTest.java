package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.data.DigitImages;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default {@code glassbox train} on full MNIST, then evaluate, info and predict on its model. */
@Tag("slow")
class TrainEndToEndTest {
    @TempDir
    static Path dir;

    private static Path model;
    private static CliRun train;

    @BeforeAll
    static void trainDefaultModel() {
        model = dir.resolve("model.safetensors");
        train = CliRun.of("train", "--out", model.toString(), "--metrics-json", dir.resolve("m.jsonl").toString(),
                "--plot", dir.resolve("curves.png").toString());
    }

    @Test
    void defaultTrainingReachesTheTarget() {
        assertThat(train.exitCode()).as(train.err()).isZero();
        Matcher m = Pattern.compile("Test accuracy: ([0-9.]+) %").matcher(train.out());
        assertThat(m.find()).as(train.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(97.5);
        assertThat(model).exists();
    }

    @Test
    void metricsHaveOneObjectPerEpoch() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("m.jsonl"));
        assertThat(lines).hasSize(10);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) Json.parse(lines.get(9));
        assertThat(last).containsKeys("epoch", "train_loss", "test_loss", "test_accuracy", "seconds",
                "samples_per_second");
        assertThat(((Number) last.get("epoch")).intValue()).isEqualTo(10);
        assertThat(((Number) last.get("test_accuracy")).doubleValue()).isBetween(0.9, 1.0);
    }

    @Test
    void plotIsAPng() throws IOException {
        BufferedImage image = ImageIO.read(dir.resolve("curves.png").toFile());
        assertThat(image.getWidth()).isGreaterThan(600);
    }

    @Test
    void evaluateReportsTheSameAccuracyAndAConfusionMatrix() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher trained = Pattern.compile("Test accuracy: ([0-9.]+ %)").matcher(train.out());
        assertThat(trained.find()).isTrue();
        assertThat(run.out()).contains("Accuracy: " + trained.group(1)).contains("Confusion matrix")
                .contains("precision");
    }

    @Test
    void infoShowsArchitectureAndProvenance() {
        CliRun run = CliRun.of("info", "--model", model.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("784-256-relu-128-relu-10").contains("235,146")
                .contains("glassbox.dataset_sha256").contains("glassbox.seed = 1");
    }

    @Test
    void savedModelPredictsLikeTheOneThatWasTrained() {
        SavedModel saved = ModelFiles.load(model);
        assertThat(saved.network().parameterCount()).isEqualTo(235_146);
    }

    @Test
    void predictReadsRenderedDigits() throws IOException {
        MnistData data = MnistFolder.load(Path.of(System.getProperty("glassbox.data")));
        int correct = 0;
        int total = 20;
        String[] args = new String[total + 3];
        args[0] = "predict";
        args[1] = "--model";
        args[2] = model.toString();
        int[] labels = new int[total];
        for (int i = 0; i < total; i++) {
            labels[i] = data.test().label(i);
            Path png = dir.resolve("digit-" + i + ".png");
            writeAsPaper(data.test().image(i), png);
            args[i + 3] = png.toString();
        }
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(lines.get(i)).startsWith(args[i + 3] + ": ");
            String answer = lines.get(i).substring(args[i + 3].length() + 2);
            if (answer.startsWith(labels[i] + " (")) {
                correct++;
            }
        }
        assertThat(correct).as(run.out()).isGreaterThanOrEqualTo(18);
    }

    /** Draws an MNIST digit as a person would photograph it: dark ink on white, larger, off-centre. */
    private static void writeAsPaper(int[] pixels, Path png) throws IOException {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            int v = 255 - pixels[i];
            small.getRaster().setSample(i % 28, i / 28, 0, v);
        }
        BufferedImage big = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 160);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 70, 10, 112, 112, null);
        g.dispose();
        ImageIO.write(big, "png", png.toFile());
        assertThat(DigitImages.load(png).pixels()).hasSize(784);
    }
}
