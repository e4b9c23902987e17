package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.testkit.SeededRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming box filter against the slow, obvious one it replaced in {@link DigitImage} (all
 * rows averaged across, then all columns down): the same bits, so digit preparation did not change.
 */
class AreaAverageTest {

    @Test
    void knownAnswers() {
        // 2x2 -> 1x1: the mean of the four, (0 + 100 + 200 + 255) / 4 = 138.75.
        assertThat(resize(new float[] {0, 100, 200, 255}, 2, 2, 1, 1)).containsExactly(138.75f);
        // 1x1 -> 2x2: each output pixel lies inside the one source pixel.
        assertThat(resize(new float[] {42}, 1, 1, 2, 2)).containsExactly(42, 42, 42, 42);
        // 3 -> 2 across: output 0 covers [0, 1.5): (0·1 + 90·0.5) / 1.5 = 30;
        // output 1 covers [1.5, 3): (90·0.5 + 180·1) / 1.5 = 150.
        assertThat(resize(new float[] {0, 90, 180}, 3, 1, 2, 1)).containsExactly(30, 150);
        // 2 -> 3 down: output 1 covers [2/3, 4/3), a third in row 0 and a third in row 1: (0 + 90) / 2 = 45.
        assertThat(resize(new float[] {0, 90}, 1, 2, 1, 3)).containsExactly(0, 45, 90);
    }

    @Test
    void channelsAreAveragedApart() {
        // Two RGB pixels side by side -> one: each channel its own mean.
        AreaAverage area = new AreaAverage(2, 1, 1, 1, 3);
        area.addRow(new float[] {10, 20, 30, 50, 60, 70}, 0);
        assertThat(area.result()).containsExactly(30, 40, 50);
    }

    @Test
    void sameBitsAsTheTwoPassReference() {
        SplittableRandom random = SeededRandom.random(7);
        int[] sizes = {1, 2, 3, 4, 5, 7, 19, 20, 28, 29, 56, 97};
        for (int sw : sizes) {
            for (int sh : sizes) {
                int ow = sizes[random.nextInt(sizes.length)];
                int oh = sizes[random.nextInt(sizes.length)];
                float[] src = new float[sw * sh * 3];
                for (int i = 0; i < src.length; i++) {
                    src[i] = random.nextInt(256) + (random.nextBoolean() ? 0.5f : 0);
                }
                AreaAverage area = new AreaAverage(sw, sh, ow, oh, 3);
                for (int y = 0; y < sh; y++) {
                    area.addRow(src, y * sw * 3);
                }
                float[] got = area.result();
                for (int c = 0; c < 3; c++) {
                    float[] plane = new float[sw * sh];
                    for (int i = 0; i < plane.length; i++) {
                        plane[i] = src[3 * i + c];
                    }
                    float[] expected = reference(plane, sw, sh, ow, oh);
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(got[3 * i + c]).as("%dx%d -> %dx%d, channel %d, pixel %d", sw, sh, ow, oh, c, i)
                                .isEqualTo(expected[i]);
                    }
                }
            }
        }
    }

    @Test
    void callOrderIsChecked() {
        AreaAverage area = new AreaAverage(1, 1, 1, 1, 1);
        assertThatThrownBy(area::result).isInstanceOf(IllegalStateException.class)
                .hasMessage("AreaAverage.result: expected 1 rows, got 0");
        area.addRow(new float[] {1}, 0);
        assertThatThrownBy(() -> area.addRow(new float[] {1}, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AreaAverage(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] resize(float[] src, int sw, int sh, int ow, int oh) {
        AreaAverage area = new AreaAverage(sw, sh, ow, oh, 1);
        for (int y = 0; y < sh; y++) {
            area.addRow(src, y * sw);
        }
        return area.result();
    }

    /** The former DigitImage.resample on a whole image: rows across into a buffer, then columns down. */
    private static float[] reference(float[] src, int w, int h, int outW, int outH) {
        float[] rows = new float[h * outW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                rows[y * outW + x] = average(src, y * w, 1, w, outW, x);
            }
        }
        float[] out = new float[outH * outW];
        for (int x = 0; x < outW; x++) {
            for (int y = 0; y < outH; y++) {
                out[y * outW + x] = average(rows, x, outW, h, outH, y);
            }
        }
        return out;
    }

    private static float average(float[] values, int base, int stride, int n, int outN, int i) {
        double from = (double) i * n / outN;
        double to = (double) (i + 1) * n / outN;
        double sum = 0;
        for (int k = (int) from; k < to && k < n; k++) {
            double overlap = Math.min(to, k + 1) - Math.max(from, k);
            sum += overlap * values[base + k * stride];
        }
        return (float) (sum / (to - from));
    }
}
