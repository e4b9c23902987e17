package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Image sizes read from PNG and JPEG headers, as ImageIO writes them; hostile headers refused. */
class ImageHeaderTest {

    static byte[] encode(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xFF8040);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void readsTheSizeOfPngAndJpegFiles() throws IOException {
        assertThat(ImageHeader.of(encode("png", 37, 11), "a.png")).isEqualTo(new ImageHeader(37, 11));
        assertThat(ImageHeader.of(encode("jpeg", 640, 480), "b.jpg")).isEqualTo(new ImageHeader(640, 480));
        assertThat(ImageHeader.of(encode("jpeg", 1, 1), "c.jpg")).isEqualTo(new ImageHeader(1, 1));
    }

    @Test
    void refusesAClaimedTwoGigabyteImageBeforeDecoding() throws IOException {
        byte[] png = encode("png", 4, 4);
        ByteBuffer.wrap(png, 16, 8).putInt(50_000).putInt(50_000); // 2.5 gigapixels declared
        assertThatThrownBy(() -> ImageHeader.of(png, "big.png"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("big.png: image is 50000x50000, expected 1 to 25 megapixels. Crop or shrink it first");
        byte[] zero = encode("png", 4, 4);
        ByteBuffer.wrap(zero, 16, 4).putInt(0);
        assertThatThrownBy(() -> ImageHeader.of(zero, "zero.png")).hasMessageContaining("image is 0x4");
        byte[] jpeg = encode("jpeg", 8, 8);
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) 0xFF; // height 65,280…
                jpeg[i + 7] = (byte) 0xFF; // …by 65,288
                break;
            }
        }
        assertThatThrownBy(() -> ImageHeader.of(jpeg, "big.jpg")).hasMessageContaining("big.jpg: image is 65288x65288");
    }

    @Test
    void refusesOtherFilesAndHeadersCutShort() throws IOException {
        assertThatThrownBy(() -> ImageHeader.of("GIF89a....".getBytes(), "x.gif"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("x.gif: not a PNG or JPEG image (no PNG or JPEG signature)");
        byte[] png = encode("png", 3, 3);
        byte[] jpeg = encode("jpeg", 3, 3);
        for (byte[] whole : new byte[][] {png, jpeg}) {
            for (int length : new int[] {0, 3, 9, 20}) {
                byte[] cut = Arrays.copyOf(whole, length);
                assertThatThrownBy(() -> ImageHeader.of(cut, "cut")).isInstanceOf(DatasetException.class)
                        .hasMessageStartingWith("cut: ");
            }
        }
    }
}
