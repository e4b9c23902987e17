package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of labelled images from {@code train} to {@code evaluate}, {@code predict} and
 * {@code info}: MNIST digits written as PNGs of other sizes (56×56 and 84×84) into one subfolder
 * per class, read back at 28×28, must train as well as the same digits read from the IDX files.
 */
@Tag("slow")
class ImageFolderTrainingTest {
    private static final int TRAIN = 6000;
    private static final int TEST = 2000;

    @TempDir
    static Path dir;

    private static Path trainDir;
    private static Path testDir;
    private static Path folderModel;
    private static CliRun folderRun;

    @BeforeAll
    static void writeFoldersAndTrain() throws IOException {
        MnistData mnist = MnistFolder.load(Path.of("..", "data", "mnist"));
        trainDir = write(mnist.train(), TRAIN, dir.resolve("train"));
        testDir = write(mnist.test(), TEST, dir.resolve("test"));
        folderModel = dir.resolve("folder.safetensors");
        folderRun = CliRun.of("train", "--data", trainDir.toString(), "--test-data", testDir.toString(), "--epochs", "5",
                "--validation", "0", "--out", folderModel.toString());
    }

    /** Sample i as a PNG scaled up 2× (even i) or 3× (odd i), nearest neighbour, in its class's folder. */
    private static Path write(Dataset data, int count, Path root) throws IOException {
        for (int i = 0; i < count; i++) {
            int scale = i % 2 == 0 ? 2 : 3;
            int[] pixels = data.image(i);
            BufferedImage image = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28 * scale; y++) {
                for (int x = 0; x < 28 * scale; x++) {
                    image.getRaster().setSample(x, y, 0, pixels[(y / scale) * 28 + x / scale]);
                }
            }
            Path folder = root.resolve(Integer.toString(data.label(i)));
            Files.createDirectories(folder);
            ImageIO.write(image, "png", folder.resolve(String.format(Locale.ROOT, "%05d.png", i)).toFile());
        }
        return root;
    }

    @Test
    void trainsWithinOnePointOfTheSameDigitsFromIdx() {
        assertThat(folderRun.exitCode()).as(folderRun.err()).isZero();
        assertThat(folderRun.out()).contains("10 classes (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)").contains("28x28");
        CliRun idx = CliRun.of("train", "--data", "../data/mnist", "--subset", Integer.toString(TRAIN), "--epochs", "5",
                "--validation", "0", "--out", dir.resolve("idx.safetensors").toString());
        assertThat(idx.exitCode()).as(idx.err()).isZero();
        // The folder's model on MNIST's own 10,000 test images: its classes, sorted by name, are the digits.
        CliRun onIdx = CliRun.of("evaluate", "--model", folderModel.toString(), "--data", "../data/mnist");
        assertThat(onIdx.exitCode()).as(onIdx.err()).isZero();
        double folder = Double.parseDouble(find("Accuracy: ([0-9.]+) %", onIdx.out()));
        double fromIdx = accuracy(idx.out());
        System.out.printf(Locale.ROOT, "ImageFolderTrainingTest: trained on the folder %.2f %%, on the IDX files %.2f %%"
                + " (10,000 test images); the folder's own %d test images %.2f %%%n", folder, fromIdx, TEST,
                accuracy(folderRun.out()));
        assertThat(folder).isCloseTo(fromIdx, within(1.0));
    }

    @Test
    void evaluatePredictAndInfoUseTheFoldersClasses() throws IOException {
        assertThat(folderRun.exitCode()).as(folderRun.err()).isZero();
        CliRun evaluate = CliRun.of("evaluate", "--model", folderModel.toString(), "--data", testDir.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains(String.format(Locale.ROOT, "Accuracy: %.2f %%", accuracy(folderRun.out())))
                .contains("2,000 test images");

        Path seven = Files.list(testDir.resolve("7")).sorted().findFirst().orElseThrow();
        CliRun predict = CliRun.of("predict", "--model", folderModel.toString(), seven.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).startsWith(seven + ": 7 (");

        CliRun info = CliRun.of("info", "--model", folderModel.toString());
        assertThat(info.out()).contains("Inputs   28x28 images, gray").contains("Classes  0, 1, 2, 3");
    }

    private static double accuracy(String out) {
        return Double.parseDouble(find("Test accuracy: ([0-9.]+) %", out));
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
