package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final int SIDE = 28;

    /** One 28×28 image: blank but for the given pixels, set to 255. */
    private static Dataset image(int... rowCol) {
        byte[] pixels = new byte[SIDE * SIDE];
        for (int i = 0; i < rowCol.length; i += 2) {
            pixels[rowCol[i] * SIDE + rowCol[i + 1]] = (byte) 255;
        }
        return Dataset.of("one", pixels, new byte[] {3}, SIDE, SIDE, 10);
    }

    private static float[] transformed(Dataset data, double degrees, double s, double h, double tx, double ty) {
        float[] out = new float[SIDE * SIDE];
        Augmentation.transform(data, 0, degrees, s, h, tx, ty, null, null, out, 0);
        return out;
    }

    private static float[] plain(Dataset data, int sample) {
        Matrix x = Matrix.zeros(1, data.features());
        data.fillBatch(new int[] {sample}, 0, 1, x, new int[1]);
        return x.data();
    }

    private static Dataset randomImages(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        byte[] labels = new byte[n];
        return Dataset.of("random", pixels, labels, SIDE, SIDE, 10);
    }

    @Test
    void zeroParametersAreTheIdentity() {
        Dataset data = randomImages(3, 1);
        for (int sample = 0; sample < 3; sample++) {
            float[] out = new float[SIDE * SIDE];
            Augmentation.transform(data, sample, 0, 1, 0, 0, 0, null, null, out, 0);
            assertThat(out).containsExactly(plain(data, sample));
            new Augmentation(0, 0, 0, 0, 0, 0).distort(data, sample, new Rng(5), out, 0);
            assertThat(out).containsExactly(plain(data, sample));
        }
        assertThat(Augmentation.parse("affine:rotate=0,scale=0,shear=0,shift=0").enabled()).isFalse();
    }

    @Test
    void aOnePixelShiftMovesEveryPixelByOne() {
        // The pixel at (row 10, col 12) moves right by 1 and down by 1.
        float[] out = transformed(image(10, 12), 0, 1, 0, 1, 1);
        assertThat(out[11 * SIDE + 13]).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void aQuarterTurnAnticlockwiseMovesRightOfCentreToAboveIt() {
        // The centre is (13.5, 13.5). Pixel (row 13, col 20) lies 6.5 right and 0.5 up of it;
        // a quarter turn anticlockwise puts it 6.5 up and 0.5 left: row 7, col 13.
        float[] out = transformed(image(13, 20), 90, 1, 0, 0, 0);
        assertThat(out[7 * SIDE + 13]).isCloseTo(1f, within(1e-6f));
        assertThat(sum(out)).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void scalingByTwoSpreadsAPixelOverItsNeighbours() {
        // Doubling the size reads source positions half as far apart: one bright pixel covers more.
        float[] out = transformed(image(13, 13), 0, 2, 0, 0, 0);
        assertThat(sum(out)).isGreaterThan(3f);
        assertThat(out[13 * SIDE + 13]).isGreaterThan(0.5f);
    }

    @Test
    void elasticFieldsAreDeterministicForASeedAndBounded() {
        Augmentation elastic = Augmentation.parse("elastic:alpha=34,sigma=4");
        float[][] a = elastic.elasticField(42, SIDE, SIDE);
        float[][] b = elastic.elasticField(42, SIDE, SIDE);
        float[][] c = elastic.elasticField(43, SIDE, SIDE);
        assertThat(a[0]).containsExactly(b[0]);
        assertThat(a[1]).containsExactly(b[1]);
        assertThat(Arrays.equals(a[0], c[0])).isFalse();
        double largest = 0;
        for (float[] field : a) {
            for (float d : field) {
                largest = Math.max(largest, Math.abs(d));
            }
        }
        // Smoothing averages the noise: the field is far below alpha, but not zero.
        assertThat(largest).isGreaterThan(0.5).isLessThanOrEqualTo(34);
    }

    @Test
    void aBatchDependsOnSeedEpochAndPositionNotOnThreads() {
        Dataset data = randomImages(64, 2);
        int[] order = new int[64];
        for (int i = 0; i < 64; i++) {
            order[i] = 63 - i;
        }
        Augmentation both = Augmentation.parse("affine+elastic");
        float[] sequential = batch(both, data, order, 7, 1, Parallel.SEQUENTIAL);
        try (Kernels kernels = KernelChoice.create(2)) {
            assertThat(batch(both, data, order, 7, 1, kernels)).containsExactly(sequential);
        }
        assertThat(Arrays.equals(batch(both, data, order, 7, 2, Parallel.SEQUENTIAL), sequential)).isFalse();
        assertThat(Arrays.equals(batch(both, data, order, 8, 1, Parallel.SEQUENTIAL), sequential)).isFalse();
        for (float v : sequential) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    private static float[] batch(Augmentation a, Dataset data, int[] order, long seed, long epoch, Parallel parallel) {
        Matrix x = Matrix.zeros(64, data.features());
        int[] labels = new int[64];
        new AugmentedBatches(a, parallel).fill(data, order, 0, 64, x, labels, seed, epoch);
        return x.data();
    }

    @Test
    void parsesWhatItPrints() {
        for (String text : new String[] {"none", "affine", "elastic", "affine+elastic",
            "affine:rotate=15,shift=3+elastic:alpha=36,sigma=6"}) {
            Augmentation a = Augmentation.parse(text);
            assertThat(Augmentation.parse(a.toString())).isEqualTo(a);
        }
        assertThat(Augmentation.parse("affine")).isEqualTo(new Augmentation(10, 0.1, 0.2, 2, 0, 0));
        assertThat(Augmentation.parse("elastic")).isEqualTo(new Augmentation(0, 0, 0, 0, 34, 4));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> Augmentation.parse("blur")).hasMessageContaining("unknown kind 'blur'");
        assertThatThrownBy(() -> Augmentation.parse("affine:spin=3")).hasMessageContaining("'spin=3' is not one of");
        assertThatThrownBy(() -> Augmentation.parse("affine:scale=1.5")).hasMessageContaining("scale must be in [0, 1)");
        assertThatThrownBy(() -> Augmentation.parse("elastic:sigma=x")).hasMessageContaining("sigma must be a number");
    }

    private static float sum(float[] values) {
        float sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
