package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.DigitImage;
import dev.glassbox.data.ImageResize;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Image files (PNG, JPEG, anything ImageIO reads) for {@link DigitImage}, which works on grey
 * levels: decoding, with only the header read first so that more than {@value #MAX_MEGAPIXELS}
 * megapixels or a zero size is refused before decoding (a 100,000² PNG header costs nothing; its
 * pixels would not fit); luma {@code g = 0.299 R + 0.587 G + 0.114 B} with transparent pixels
 * composited over white (a grey image gives its stored levels); and writing grey pixels as a PNG.
 * Decoding and reading pixels are {@link ImageFiles}', shared with {@link ImageFolder}, so a
 * folder loaded with prepare digit and a single image give the same pixels.
 */
public final class DigitImages {
    public static final int MAX_MEGAPIXELS = ImageFiles.MAX_MEGAPIXELS;

    private static final String HINT = "Pass a PNG or JPEG image of one digit";

    private DigitImages() {}

    /** Reads and preprocesses an image file. */
    public static DigitImage load(Path file) {
        return of(decode(file), file.toString());
    }

    /** Preprocesses an image already in memory; {@code name} is used in error messages. */
    public static DigitImage of(BufferedImage image, String name) {
        return DigitImage.fromGrey(luma(image), image.getWidth(), image.getHeight(), name);
    }

    /**
     * Writes grey pixels (0..255, row-major; 255 is drawn white) as an 8-bit greyscale PNG. MNIST
     * images therefore come out white on black, as the data stores them.
     */
    public static void writePng(int[] pixels, int rows, int cols, Path file) {
        if (rows < 1 || cols < 1 || pixels.length != (long) rows * cols) {
            throw new IllegalArgumentException("DigitImages.writePng: expected " + rows + "x" + cols + " = "
                    + (long) rows * cols + " pixels, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] < 0 || pixels[i] > 255) {
                throw new IllegalArgumentException("DigitImages.writePng: pixel " + i + " is " + pixels[i]
                        + ", expected 0..255");
            }
        }
        raster.setSamples(0, 0, cols, rows, 0, pixels);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatasetException(file + ": it is not a regular file (a folder, device, FIFO or socket);"
                    + " refusing to write a PNG over it");
        }
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot write PNG (" + e + ")", e);
        }
    }

    /** Decodes {@code file} after checking its declared size, so a decompression bomb is never expanded. */
    static BufferedImage decode(Path file) {
        return ImageFiles.decode(file, HINT);
    }

    /**
     * Grey levels 0..255 (float, row-major), alpha composited over white so transparent means paper
     * ({@link ImageResize#luma}); a grey image gives its stored levels.
     */
    static float[] luma(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            ImageFiles.argb(image, y, 1, row); // row by row: a 25 MP ARGB copy would be 100 MB
            for (int x = 0; x < width; x++) {
                grey[y * width + x] = ImageResize.luma(row[x]);
            }
        }
        return grey;
    }
}
