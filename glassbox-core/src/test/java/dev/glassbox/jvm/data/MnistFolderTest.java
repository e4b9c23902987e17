package dev.glassbox.jvm.data;

import static dev.glassbox.testkit.IdxBytes.gzip;
import static dev.glassbox.testkit.IdxBytes.ramp;
import static dev.glassbox.testkit.IdxBytes.sha256;
import static dev.glassbox.testkit.IdxBytes.ubyte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Mnist;
import dev.glassbox.data.MnistData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFolderTest {
    /** The repository's copy of MNIST, relative to the module folder where Maven runs tests. */
    static final Path MNIST_DIR = Path.of("../data/mnist");

    private static MnistData mnist;
    private static long loadMillis;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOnce() {
        long start = System.nanoTime();
        mnist = MnistFolder.load(MNIST_DIR);
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("MnistFolderTest: loaded and verified MNIST in " + loadMillis + " ms");
    }

    @Test
    void loadsMnist() {
        assertThat(mnist.train().size()).isEqualTo(60_000);
        assertThat(mnist.test().size()).isEqualTo(10_000);
        assertThat(mnist.train().imageRows()).isEqualTo(28);
        assertThat(mnist.train().imageCols()).isEqualTo(28);
        assertThat(mnist.test().features()).isEqualTo(784);
        assertThat(mnist.train().classes()).isEqualTo(10);
        assertThat(mnist.train().name()).isEqualTo("mnist/train");
        assertThat(mnist.train().classCounts())
                .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(mnist.test().classCounts())
                .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        // The first test image is a 7, and its pixels are not all background.
        assertThat(mnist.test().label(0)).isEqualTo(7);
        assertThat(mnist.test().image(0)).contains(255);
    }

    @Test
    void combinedChecksumIsSha256sumOfTheChecksumFile() throws IOException {
        // i.e. `sha256sum data/mnist/SHA256SUMS.raw`
        assertThat(mnist.sha256()).isEqualTo(sha256(Files.readAllBytes(MNIST_DIR.resolve(MnistFolder.CHECKSUM_FILE))));
    }

    @Test
    void loadsQuickly() {
        // The target is well under 2 s; the bound is loose because the build machine is shared.
        assertThat(loadMillis).isLessThan(10_000);
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws IOException {
        for (String file : Mnist.FILES) {
            if (!file.equals(Mnist.TRAIN_LABELS)) {
                Files.copy(MNIST_DIR.resolve(file + ".gz"), dir.resolve(file + ".gz"));
            }
        }
        Files.copy(MNIST_DIR.resolve(MnistFolder.CHECKSUM_FILE), dir.resolve(MnistFolder.CHECKSUM_FILE));
        byte[] labels;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(MNIST_DIR.resolve(Mnist.TRAIN_LABELS + ".gz")))) {
            labels = in.readAllBytes();
        }
        labels[100] ^= 1; // a label changes (still 0..9), so only the checksum can notice
        Path corrupt = Files.write(dir.resolve(Mnist.TRAIN_LABELS), labels);
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(corrupt + ": SHA-256 mismatch: expected "
                        + "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5, got ")
                .hasMessageEndingWith(". The file is corrupt; restore it or re-download");
    }

    @Test
    void missingFilesAreListedWithAHint() throws IOException {
        writeTiny(dir, 5, 3, 4);
        Files.delete(dir.resolve(Mnist.TEST_LABELS + ".gz"));
        Files.delete(dir.resolve(Mnist.TRAIN_IMAGES + ".gz"));
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir + ": missing train-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]. ")
                .hasMessageContaining("--data DIR must hold the four IDX files (train-images-idx3-ubyte.gz, ");
        assertThatThrownBy(() -> MnistFolder.load(dir.resolve("absent")))
                .hasMessageContaining("not a directory. --data DIR must hold the four IDX files");
    }

    @Test
    void loadsATinyLayoutWithoutChecksums() throws IOException {
        Map<String, byte[]> raw = writeTiny(dir, 5, 3, 4);
        MnistData data = MnistFolder.load(dir);
        assertThat(data.train().size()).isEqualTo(5);
        assertThat(data.test().size()).isEqualTo(3);
        assertThat(data.train().imageRows()).isEqualTo(4);
        assertThat(data.train().classes()).isEqualTo(3); // labels 0..2: largest + 1
        assertThat(data.train().image(1)).containsExactly(IntStream.range(16, 32).toArray());
        Map<String, String> sums = new HashMap<>();
        raw.forEach((file, bytes) -> sums.put(file, sha256(bytes)));
        assertThat(data.sha256()).isEqualTo(MnistFolder.combinedSha256(sums));
    }

    @Test
    void rejectsInconsistentFiles() throws IOException {
        writeTiny(dir, 5, 3, 4);
        Files.write(dir.resolve(Mnist.TEST_LABELS), ubyte(new int[] {4}, new byte[4])); // raw wins over .gz
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .hasMessage(dir.resolve(Mnist.TEST_LABELS) + ": expected 3 labels, one per image in "
                        + "t10k-images-idx3-ubyte.gz, got 4. The files come from different datasets");

        Files.write(dir.resolve(Mnist.TEST_LABELS), ubyte(new int[] {3, 1, 1}, new byte[3]));
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .hasMessageContaining("expected 1 dimensions (labels), got 3x1x1. Are the image and label files swapped?");

        Files.delete(dir.resolve(Mnist.TEST_LABELS));
        Files.write(dir.resolve(Mnist.TEST_IMAGES), ubyte(new int[] {3, 5, 4}, new byte[60]));
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .hasMessageContaining("expected 4x4 images like train-images-idx3-ubyte, got 5x4");
    }

    @Test
    void rejectsAMalformedOrIncompleteChecksumFile() throws IOException {
        writeTiny(dir, 5, 3, 4);
        Path sums = Files.writeString(dir.resolve(MnistFolder.CHECKSUM_FILE), "not a checksum\n");
        assertThatThrownBy(() -> MnistFolder.load(dir)).hasMessageStartingWith(sums + ": line 1: expected");
        Files.writeString(sums, "0".repeat(64) + "  " + Mnist.TRAIN_IMAGES + "\n");
        assertThatThrownBy(() -> MnistFolder.load(dir))
                .hasMessageContaining("expected a line for train-labels-idx1-ubyte, found none");
    }

    /**
     * Writes a tiny MNIST layout as .gz files: images are ramps, labels cycle 0, 1, 2.
     *
     * @return the uncompressed content by file name
     */
    static Map<String, byte[]> writeTiny(Path dir, int train, int test, int side) throws IOException {
        Map<String, byte[]> raw = Map.of(
                Mnist.TRAIN_IMAGES, ubyte(new int[] {train, side, side}, ramp(train * side * side)),
                Mnist.TRAIN_LABELS, ubyte(new int[] {train}, labels(train)),
                Mnist.TEST_IMAGES, ubyte(new int[] {test, side, side}, ramp(test * side * side)),
                Mnist.TEST_LABELS, ubyte(new int[] {test}, labels(test)));
        for (Map.Entry<String, byte[]> file : raw.entrySet()) {
            Files.write(dir.resolve(file.getKey() + ".gz"), gzip(file.getValue()));
        }
        return raw;
    }

    private static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 3);
        }
        return labels;
    }
}
