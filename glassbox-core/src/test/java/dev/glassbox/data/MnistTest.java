package dev.glassbox.data;

import static dev.glassbox.testkit.IdxBytes.gzip;
import static dev.glassbox.testkit.IdxBytes.ramp;
import static dev.glassbox.testkit.IdxBytes.ubyte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The four files' bytes, checked and turned into data, without a folder; folders are {@code MnistFolderTest}'s. */
class MnistTest {
    private static final String SHA256 = "0".repeat(64);

    @Test
    void buildsTheDataFromRawOrGzipBytes() {
        Map<String, byte[]> files = tiny(5, 3, 4);
        files.put(Mnist.TRAIN_IMAGES, gzip(files.get(Mnist.TRAIN_IMAGES)));

        MnistData data = Mnist.fromBytes("tiny", files, SHA256);

        assertThat(data.train().size()).isEqualTo(5);
        assertThat(data.test().size()).isEqualTo(3);
        assertThat(data.train().imageRows()).isEqualTo(4);
        assertThat(data.train().classes()).isEqualTo(3); // labels 0..2: largest + 1
        assertThat(data.train().name()).isEqualTo("tiny/train");
        assertThat(data.train().image(1)).containsExactly(IntStream.range(16, 32).toArray());
        assertThat(data.sha256()).isEqualTo(SHA256);
    }

    @Test
    void rejectsInconsistentFilesNamingThem() {
        Map<String, byte[]> files = tiny(5, 3, 4);
        files.put(Mnist.TEST_LABELS, ubyte(new int[] {4}, new byte[4]));
        assertThatThrownBy(() -> Mnist.fromBytes("tiny", files, SHA256)).isInstanceOf(DatasetException.class)
                .hasMessage(Mnist.TEST_LABELS + ": expected 3 labels, one per image in "
                        + Mnist.TEST_IMAGES + ", got 4. The files come from different datasets");

        files.put(Mnist.TEST_LABELS, ubyte(new int[] {3, 1, 1}, new byte[3]));
        assertThatThrownBy(() -> Mnist.fromBytes("tiny", files, SHA256))
                .hasMessageContaining("expected 1 dimensions (labels), got 3x1x1. Are the image and label files swapped?");

        files.put(Mnist.TEST_LABELS, ubyte(new int[] {3}, new byte[3]));
        files.put(Mnist.TEST_IMAGES, ubyte(new int[] {3, 5, 4}, new byte[60]));
        assertThatThrownBy(() -> Mnist.fromBytes("tiny", files, SHA256))
                .hasMessageContaining("expected 4x4 images like train-images-idx3-ubyte, got 5x4");

        files.put(Mnist.TEST_IMAGES, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> Mnist.fromBytes("tiny", files, SHA256))
                .hasMessageStartingWith(Mnist.TEST_IMAGES + ": not an IDX file");
    }

    @Test
    void aPartNamedByAPathIsCalledByItsFileNameWhereThatReadsBetter() {
        Map<String, byte[]> files = tiny(5, 3, 4);
        Map<String, Mnist.Part> parts = new HashMap<>();
        files.forEach((file, bytes) -> parts.put(file, new Mnist.Part("/data/" + file + ".gz", Idx.read(bytes, file))));
        parts.put(Mnist.TRAIN_LABELS, new Mnist.Part("C:\\data\\labels", Idx.read(ubyte(new int[] {4}, new byte[4]),
                "labels")));

        assertThatThrownBy(() -> Mnist.of("tiny", parts, SHA256))
                .hasMessage("C:\\data\\labels: expected 5 labels, one per image in train-images-idx3-ubyte.gz, got 4."
                        + " The files come from different datasets");
    }

    @Test
    void everyFileIsNeeded() {
        Map<String, byte[]> files = tiny(5, 3, 4);
        files.remove(Mnist.TEST_LABELS);
        assertThatThrownBy(() -> Mnist.fromBytes("tiny", files, SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte is missing");
    }

    /** A tiny MNIST layout, uncompressed: images are ramps, labels cycle 0, 1, 2. */
    private static Map<String, byte[]> tiny(int train, int test, int side) {
        Map<String, byte[]> files = new HashMap<>();
        files.put(Mnist.TRAIN_IMAGES, ubyte(new int[] {train, side, side}, ramp(train * side * side)));
        files.put(Mnist.TRAIN_LABELS, ubyte(new int[] {train}, labels(train)));
        files.put(Mnist.TEST_IMAGES, ubyte(new int[] {test, side, side}, ramp(test * side * side)));
        files.put(Mnist.TEST_LABELS, ubyte(new int[] {test}, labels(test)));
        return files;
    }

    private static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 3);
        }
        return labels;
    }
}
