package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The MNIST-style preparation on grey levels alone, as any host hands them over; decoding real
 * image files is {@code DigitImagesTest}'s.
 */
class DigitImageTest {

    @Test
    void aDarkSquareOnPaperBecomesAWhiteSquareFillingTheBoxAtTheCentre() {
        // 40x40 white paper (255) with a black 10x10 square at (5..14, 5..14): paper is light, so
        // the levels are inverted; the square is scaled to 20x20 and its centre of mass, (9.5, 9.5)
        // in the box, is moved to (14, 14): shift round(14 - 9.5) = 5 (rounded half up), rows and columns 5..24.
        float[] grey = new float[40 * 40];
        Arrays.fill(grey, 255);
        for (int y = 5; y < 15; y++) {
            for (int x = 5; x < 15; x++) {
                grey[y * 40 + x] = 0;
            }
        }

        int[] pixels = DigitImage.fromGrey(grey, 40, 40, "square").pixels();

        for (int y = 0; y < DigitImage.SIZE; y++) {
            for (int x = 0; x < DigitImage.SIZE; x++) {
                boolean inside = y >= 5 && y < 25 && x >= 5 && x < 25;
                assertThat(pixels[y * DigitImage.SIZE + x]).as("(%d, %d)", x, y).isEqualTo(inside ? 255 : 0);
            }
        }
        assertThat(DigitImage.fromGrey(invertedCopy(grey), 40, 40, "light").pixels()).isEqualTo(pixels);
    }

    @Test
    void toMatrixScalesAsTheDatasetDoes() {
        float[] grey = new float[28 * 28];
        grey[14 * 28 + 14] = 200;
        DigitImage digit = DigitImage.fromGrey(grey, 28, 28, "dot");
        float[] x = digit.toMatrix().data();
        int[] pixels = digit.pixels();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isEqualTo(pixels[i] * (1f / 255f));
        }
    }

    @Test
    void noInkIsRefusedNamingTheImage() {
        float[] paper = new float[10 * 10];
        Arrays.fill(paper, 200);
        paper[55] = 180; // 20 grey levels: below MIN_CONTRAST
        assertThatThrownBy(() -> DigitImage.fromGrey(paper, 10, 10, "blank.png"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("blank.png: no ink found: expected strokes at least 32 grey levels");
    }

    @Test
    void greyLevelsMustMatchTheSize() {
        assertThatThrownBy(() -> DigitImage.fromGrey(new float[5], 2, 2, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DigitImage.fromGrey: expected 2x2 grey levels, got 5 values");
    }

    private static float[] invertedCopy(float[] grey) {
        float[] inverted = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            inverted[i] = 255 - grey[i];
        }
        return inverted;
    }
}
