package dev.glassbox.jvm.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.DigitImage;
import dev.glassbox.data.IdxArray;
import dev.glassbox.data.Mnist;
import dev.glassbox.tensor.Matrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImagesTest {
    private static IdxArray testImages;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTestImages() {
        testImages = IdxFiles.read(MnistFolderTest.MNIST_DIR.resolve(Mnist.TEST_IMAGES + ".gz"));
    }

    private static int[] mnistImage(int index) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = testImages.unsigned(index * 784 + i);
        }
        return pixels;
    }

    /**
     * Draws an MNIST digit as a user might: black ink on white paper, {@code scale} times larger
     * (bilinear), at (x, y) on a width × height canvas.
     */
    private static BufferedImage drawOnPaper(int[] digit, double scale, int x, int y, int width, int height) {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        int[] inverted = new int[784];
        for (int i = 0; i < 784; i++) {
            inverted[i] = 255 - digit[i];
        }
        small.getRaster().setSamples(0, 0, 28, 28, 0, inverted);
        BufferedImage paper = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, x, y, (int) Math.round(28 * scale), (int) Math.round(28 * scale), null);
        g.dispose();
        return paper;
    }

    /** Pearson correlation of two pixel arrays. */
    static double correlation(int[] a, int[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /**
     * The best correlation over whole-pixel shifts of {@code b} by −1..1 in x and y. Both images put
     * their centre of mass at (14, 14) only up to a rounded shift, so they may be a pixel apart.
     */
    static double alignedCorrelation(int[] a, int[] b) {
        double best = -1;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int[] shifted = new int[784];
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sx = x - dx;
                        int sy = y - dy;
                        if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) {
                            shifted[y * 28 + x] = b[sy * 28 + sx];
                        }
                    }
                }
                best = Math.max(best, correlation(a, shifted));
            }
        }
        return best;
    }

    /** Centre of mass (x, y) in pixel indices. */
    static double[] centerOfMass(int[] pixels) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < pixels.length; i++) {
            mass += pixels[i];
            x += pixels[i] * (i % 28);
            y += pixels[i] * (i / 28);
        }
        return new double[] {x / mass, y / mass};
    }

    @Test
    void aDigitOnWhitePaperComesBackAsMnist() throws IOException {
        int[] original = mnistImage(0);
        BufferedImage paper = drawOnPaper(original, 6.5, 140, 25, 400, 260);
        int[] grey = paper.getRaster().getSamples(0, 0, 400, 260, 0, new int[400 * 260]); // R = G = B
        Path png = dir.resolve("seven.png");
        DigitImages.writePng(grey, 260, 400, png);

        int[] result = DigitImages.load(png).pixels();

        double r = alignedCorrelation(original, result);
        double[] com = centerOfMass(result);
        System.out.printf("DigitImageTest: correlation %.3f (aligned %.3f), centre of mass (%.2f, %.2f)%n",
                correlation(original, result), r, com[0], com[1]);
        assertThat(r).isGreaterThan(0.9);
        assertThat(com[0]).isCloseTo(14, org.assertj.core.data.Offset.offset(0.75));
        assertThat(com[1]).isCloseTo(14, org.assertj.core.data.Offset.offset(0.75));
        assertThat(result).contains(255);
        assertThat(Arrays.stream(result).allMatch(v -> v >= 0 && v <= 255)).isTrue();
    }

    @Test
    void manyDigitsSurviveTheRoundTrip() {
        double sum = 0;
        double worst = 1;
        for (int i = 0; i < 50; i++) {
            int[] original = mnistImage(i);
            double scale = 2 + (i % 7); // 2× to 8×, always a different size from 28
            int[] result = DigitImages.of(drawOnPaper(original, scale, 3 + i, 7, (int) (28 * scale) + 60,
                    (int) (28 * scale) + 20), "digit " + i).pixels();
            double r = alignedCorrelation(original, result);
            sum += r;
            worst = Math.min(worst, r);
        }
        System.out.printf("DigitImageTest: 50 digits, mean aligned correlation %.3f, worst %.3f%n", sum / 50, worst);
        assertThat(sum / 50).isGreaterThan(0.9);
        assertThat(worst).isGreaterThan(0.75);
    }

    @Test
    void colourJpegOnGreyPaperWorks() throws IOException {
        int[] original = mnistImage(1);
        BufferedImage paper = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        BufferedImage ink = drawOnPaper(original, 8, 40, 50, 300, 300);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                float t = (ink.getRGB(x, y) & 0xFF) / 255f; // 1 = paper, 0 = ink
                Color paperColour = new Color(215, 205, 180); // greyish-yellow paper
                Color inkColour = new Color(20, 30, 120); // blue pen
                paper.setRGB(x, y, new Color(mix(inkColour.getRed(), paperColour.getRed(), t),
                        mix(inkColour.getGreen(), paperColour.getGreen(), t),
                        mix(inkColour.getBlue(), paperColour.getBlue(), t)).getRGB());
            }
        }
        Path jpeg = dir.resolve("two.jpg");
        assertThat(ImageIO.write(paper, "jpeg", jpeg.toFile())).isTrue();
        double r = correlation(original, DigitImages.load(jpeg).pixels());
        System.out.printf("DigitImageTest: JPEG correlation %.3f%n", r);
        assertThat(r).isGreaterThan(0.85);
    }

    private static int mix(int ink, int paper, float t) {
        return Math.round(ink + (paper - ink) * t);
    }

    @Test
    void anMnistImageIsAlmostAFixedPoint() throws IOException {
        int[] original = mnistImage(3);
        Path png = dir.resolve("mnist.png");
        DigitImages.writePng(original, 28, 28, png); // white on black, as stored: no inversion
        assertThat(correlation(original, DigitImages.load(png).pixels())).isGreaterThan(0.95);
    }

    @Test
    void writePngRoundTrips() throws IOException {
        int[] pixels = mnistImage(5);
        Path png = dir.resolve("five.png");
        DigitImages.writePng(pixels, 28, 28, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(back.getRaster().getSamples(0, 0, 28, 28, 0, new int[784])).containsExactly(pixels);
        assertThatThrownBy(() -> DigitImages.writePng(new int[5], 2, 2, png))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2x2 = 4 pixels, got 5");
    }

    @Test
    void toMatrixScalesLikeTheDataset() {
        DigitImage digit = DigitImages.of(drawOnPaper(mnistImage(2), 3, 10, 10, 120, 110), "two");
        int[] pixels = digit.pixels();
        byte[] bytes = new byte[784];
        for (int i = 0; i < 784; i++) {
            bytes[i] = (byte) pixels[i];
        }
        Matrix expected = Matrix.zeros(1, 784);
        Dataset.of("one", bytes, new byte[] {0}, 28, 28, 1).fillBatch(new int[] {0}, 0, 1, expected, new int[1]);
        Matrix x = digit.toMatrix();
        assertThat(x.shape()).isEqualTo("(1, 784)");
        assertThat(x.data()).containsExactly(expected.data());
    }

    @Test
    void blankPaperHasNoInk() throws IOException {
        BufferedImage white = drawOnPaper(new int[784], 2, 0, 0, 80, 80);
        assertThatThrownBy(() -> DigitImages.of(white, "blank.png"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("blank.png: no ink found");
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        // 100,000 × 100,000 greyscale: 10 GB of pixels declared in a 57-byte file with no pixel data.
        // A decoder would fail differently (no IDAT), so this message proves the header check ran first.
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        assertThatThrownBy(() -> DigitImages.load(bomb))
                .isInstanceOf(DatasetException.class)
                .hasMessage(bomb + ": image is 100000x100000, expected 1 to 25 megapixels. Crop or shrink it first");
    }

    @Test
    void aTextFileIsNotAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("digit.png"), "this is not a picture\n");
        assertThatThrownBy(() -> DigitImages.load(text))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(text + ": not an image")
                .hasMessageEndingWith("Pass a PNG or JPEG image of one digit");
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> DigitImages.load(missing)).hasMessageStartingWith(missing + ": file not found");
    }

    @Test
    void aDamagedPngIsReported() throws IOException {
        Path png = dir.resolve("damaged.png");
        DigitImages.writePng(mnistImage(0), 28, 28, png);
        byte[] bytes = Files.readAllBytes(png);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> DigitImages.load(cut))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(cut + ": cannot decode image");
    }

    @Test
    void greyImagesGiveTheirStoredLevels() {
        // BufferedImage.getRGB takes Java's grey colour space for linear: 64 would become 137, 128 188.
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 64, 128, 255});
        assertThat(DigitImages.luma(grey)).containsExactly(new float[] {0, 64, 128, 255},
                org.assertj.core.data.Offset.offset(1e-3f));
    }

    /** A PNG signature, an IHDR chunk with a correct CRC, and IEND: a valid header, no pixels. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit grey
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32(); // over type and data, as the PNG spec says
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
