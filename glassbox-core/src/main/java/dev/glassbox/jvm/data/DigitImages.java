package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.DigitImage;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files (PNG, JPEG, anything ImageIO reads) for {@link DigitImage}, which works on grey
 * levels: decoding, with only the header read first so that more than {@value #MAX_MEGAPIXELS}
 * megapixels or a zero size is refused before decoding (a 100,000² PNG header costs nothing; its
 * pixels would not fit); luma {@code g = 0.299 R + 0.587 G + 0.114 B} with transparent pixels
 * composited over white; and writing grey pixels as a PNG.
 */
public final class DigitImages {
    public static final int MAX_MEGAPIXELS = 25;

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
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": it is a directory. Pass a PNG or JPEG image of one digit");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatasetException(file + ": it is not a regular file (a device, FIFO or socket)."
                    + " Pass a PNG or JPEG image of one digit");
        }
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": file not found. Pass a PNG or JPEG image of one digit");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetException(file + ": not an image: no PNG, JPEG, GIF or BMP signature. "
                        + "Pass a PNG or JPEG image of one digit");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_MEGAPIXELS * 1_000_000L) {
                    throw new DatasetException(file + ": image is " + width + "x" + height + ", expected 1 to "
                            + MAX_MEGAPIXELS + " megapixels. Crop or shrink it first");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DatasetException(file + ": the " + reader.getFormatName() + " decoder returned nothing");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found. Pass a PNG or JPEG image of one digit", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            // ImageIO reports corrupt data with IIOException and sometimes with runtime exceptions.
            throw new DatasetException(file + ": cannot decode image (" + e.getMessage()
                    + "). The file is damaged or not a PNG/JPEG", e);
        }
    }

    /** Grey levels 0..255 (float, row-major), alpha composited over white so transparent means paper. */
    static float[] luma(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // row by row: a 25 MP ARGB copy would be 100 MB
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                float alpha = (argb >>> 24) / 255f;
                float l = 0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
                grey[y * width + x] = l * alpha + 255 * (1 - alpha);
            }
        }
        return grey;
    }
}
