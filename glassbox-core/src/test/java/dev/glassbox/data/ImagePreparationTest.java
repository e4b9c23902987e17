package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.ImagePreparation.Channels;
import dev.glassbox.data.ImagePreparation.Prepare;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Packed ARGB pixels to prepared bytes, on pixels alone as any host hands them over; decoding
 * real files is {@code ImageFolderTest}'s.
 */
class ImagePreparationTest {
    private static final int RED = 0xFFFF0000;
    private static final int GREEN = 0xFF00FF00;
    private static final int BLUE = 0xFF0000FF;

    private static int grey(int level) {
        return 0xFF000000 | level << 16 | level << 8 | level;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    @Test
    void shrinkingAverages() {
        // (0 + 100 + 200 + 255) / 4 = 138.75, rounded 139.
        int[] pixels = {grey(0), grey(100), grey(200), grey(255)};
        assertThat(unsigned(ImagePreparation.grey(1, 1).apply(pixels, 2, 2, "2x2"))).containsExactly(139);
        // 4x1 -> 2x1: (10 + 20) / 2 = 15, (30 + 41) / 2 = 35.5 -> 36 (half rounds up).
        int[] row = {grey(10), grey(20), grey(30), grey(41)};
        assertThat(unsigned(ImagePreparation.grey(2, 1).apply(row, 4, 1, "4x1"))).containsExactly(15, 36);
    }

    @Test
    void enlargingRepeats() {
        assertThat(unsigned(ImagePreparation.grey(2, 2).apply(new int[] {grey(77)}, 1, 1, "dot")))
                .containsExactly(77, 77, 77, 77);
        // 2x1 -> 4x1: each source pixel covers two outputs exactly.
        assertThat(unsigned(ImagePreparation.grey(4, 1).apply(new int[] {grey(0), grey(200)}, 2, 1, "pair")))
                .containsExactly(0, 0, 200, 200);
        // 2x1 -> 3x1: the middle output straddles both, (0 + 200) / 2.
        assertThat(unsigned(ImagePreparation.grey(3, 1).apply(new int[] {grey(0), grey(200)}, 2, 1, "pair")))
                .containsExactly(0, 100, 200);
    }

    @Test
    void lumaOfPureColours() {
        // 0.299·255 = 76.245 -> 76; 0.587·255 = 149.685 -> 150; 0.114·255 = 29.07 -> 29.
        int[] colours = {RED, GREEN, BLUE, 0xFFFFFFFF, 0xFF000000};
        assertThat(unsigned(ImagePreparation.grey(5, 1).apply(colours, 5, 1, "colours")))
                .containsExactly(76, 150, 29, 255, 0);
        assertThat(ImageResize.luma(RED)).isEqualTo(0.299f * 255);
    }

    @Test
    void transparencyIsWhitePaper() {
        // Alpha 0: 255 whatever the colour. Black at alpha 51 (0.2): 0·0.2 + 255·0.8 = 204.
        // Red at alpha 102 (0.4): grey 76.245·0.4 + 255·0.6 = 183.498 -> 183; in RGB
        // (255, 0, 0)·0.4 + 255·0.6 = (255, 153, 153).
        int[] pixels = {0x00000000, 0x33000000, 0x66FF0000};
        assertThat(unsigned(ImagePreparation.grey(3, 1).apply(pixels, 3, 1, "alpha"))).containsExactly(255, 204, 183);
        assertThat(unsigned(ImagePreparation.rgb(3, 1).apply(pixels, 3, 1, "alpha")))
                .containsExactly(255, 255, 255, 204, 204, 204, 255, 153, 153);
    }

    @Test
    void rgbIsInterleavedChannelLast() {
        // 2x1 pixels, r, g, b of each pixel together, row-major.
        int[] pixels = {0xFF102030, 0xFF405060};
        assertThat(unsigned(ImagePreparation.rgb(2, 1).apply(pixels, 2, 1, "two")))
                .containsExactly(0x10, 0x20, 0x30, 0x40, 0x50, 0x60);
        // 1x2 -> 2x2: rows replicate, channels stay in place.
        assertThat(unsigned(ImagePreparation.rgb(2, 2).apply(new int[] {RED, BLUE}, 1, 2, "column")))
                .containsExactly(255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255);
        assertThat(ImagePreparation.rgb(5, 4).bytesPerImage()).isEqualTo(60);
    }

    @Test
    void rowsInBandsGiveTheSameBytesAsAWholeImage() {
        SplittableRandom random = new SplittableRandom(3);
        int[] pixels = new int[37 * 23];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt();
        }
        for (ImagePreparation p : new ImagePreparation[] {ImagePreparation.grey(28, 28), ImagePreparation.rgb(9, 31)}) {
            byte[] whole = p.apply(pixels, 37, 23, "noise");
            ImageResize resize = p.start(37, 23, "noise");
            int[] band = new int[5 * 37];
            for (int y = 0; y < 23; y += 5) {
                int rows = Math.min(5, 23 - y);
                System.arraycopy(pixels, y * 37, band, 0, rows * 37);
                resize.addRows(band, 0, rows);
            }
            byte[] out = new byte[p.bytesPerImage() + 3];
            resize.finish(out, 3);
            assertThat(Arrays.copyOfRange(out, 3, out.length)).as("%s", p).containsExactly(whole);
            assertThatThrownBy(() -> resize.finish(out, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("ImageResize.finish: noise was already finished");
        }
    }

    @Test
    void digitIsDigitImagesPreparation() {
        // A dark 10x10 square on 40x40 white paper, as DigitImageTest draws it.
        int[] pixels = new int[40 * 40];
        float[] grey = new float[40 * 40];
        for (int i = 0; i < pixels.length; i++) {
            boolean ink = i / 40 >= 5 && i / 40 < 15 && i % 40 >= 5 && i % 40 < 15;
            pixels[i] = grey(ink ? 20 : 240);
            grey[i] = ImageResize.luma(pixels[i]);
        }
        int[] expected = DigitImage.fromGrey(grey, 40, 40, "square").pixels();
        assertThat(unsigned(ImagePreparation.digit().apply(pixels, 40, 40, "square"))).containsExactly(expected);
        int[] blank = new int[100];
        Arrays.fill(blank, grey(200));
        assertThatThrownBy(() -> ImagePreparation.digit().apply(blank, 10, 10, "blank.png"))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("blank.png: no ink found");
    }

    @Test
    void optionsAreChecked() {
        assertThat(ImagePreparation.digit()).isEqualTo(new ImagePreparation(28, 28, Channels.GREY, Prepare.DIGIT));
        assertThat(ImagePreparation.digit()).hasToString("28x28 grey, prepare digit");
        assertThat(ImagePreparation.rgb(32, 16)).hasToString("32x16 rgb");
        assertThat(Channels.of(3)).isEqualTo(Channels.RGB);
        assertThatThrownBy(() -> Channels.of(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImagePreparation.Channels: expected 1 (grey) or 3 (RGB) channels, got 2");
        assertThatThrownBy(() -> new ImagePreparation(32, 32, Channels.GREY, Prepare.DIGIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImagePreparation: prepare digit makes 28x28 grey images, got 32x32 grey."
                        + " Leave the size and channels at their defaults, or prepare none");
        assertThatThrownBy(() -> new ImagePreparation(28, 28, Channels.RGB, Prepare.DIGIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImagePreparation.grey(0, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImagePreparation: expected a width and height of 1 to 4096, got 0x28");
        assertThatThrownBy(() -> ImagePreparation.grey(28, 4097)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImagePreparation.grey(2, 2).apply(new int[3], 2, 2, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImagePreparation.apply: expected 2x2 pixels, got 3");
        assertThatThrownBy(() -> ImagePreparation.grey(2, 2).start(0, 5, "empty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImageResize: empty is 0x5, expected at least 1x1");
        ImageResize resize = ImagePreparation.grey(2, 2).start(3, 3, "short");
        resize.addRows(new int[6], 0, 2);
        assertThatThrownBy(() -> resize.finish(new byte[4], 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ImageResize.finish: short has 2 of its 3 rows");
        assertThatThrownBy(() -> resize.addRows(new int[6], 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
