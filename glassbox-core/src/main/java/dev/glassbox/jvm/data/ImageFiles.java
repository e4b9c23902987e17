package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImageHeader;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.ImageResize;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files for the engine's {@link ImageResize}: decoding with only the header read first, so
 * that more than {@value #MAX_MEGAPIXELS} megapixels or a zero size is refused before anything is
 * allocated (a 100,000² PNG header costs nothing; its pixels would not fit), and the decoded
 * pixels handed over as packed ARGB rows, a band at a time (a 25 MP ARGB copy would be 100 MB).
 *
 * <p>Grey images give their stored levels: level 128 in a grey PNG or JPEG is {@code 0xFF808080},
 * as a browser or PIL reads it. ({@code BufferedImage.getRGB} would take Java's grey colour space
 * for linear and brighten it to 188.)
 *
 * <p>A JPEG whose data ends early decodes with a warning and grey where the data is missing; that
 * is refused as damaged. A missing end marker alone, with all the data there, is accepted.
 */
final class ImageFiles {
    static final int MAX_MEGAPIXELS = (int) (ImageHeader.MAX_PIXELS / 1_000_000);
    /** Pixels per band of rows handed to the engine: 256 KB of ints. */
    private static final int BAND_PIXELS = 1 << 16;

    private ImageFiles() {}

    /**
     * Decodes {@code file} after checking its declared size, so a decompression bomb is never expanded.
     *
     * @param hint ends the messages about a file that is no image, e.g. what to pass instead
     * @throws DatasetException {@code <file>: <problem>}, for a missing, special, unreadable, damaged or huge file
     */
    static BufferedImage decode(Path file, String hint) {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": it is a directory. " + hint);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatasetException(file + ": it is not a regular file (a device, FIFO or socket). " + hint);
        }
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": file not found. " + hint);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetException(file + ": not an image: no PNG, JPEG, GIF or BMP signature. " + hint);
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
                String[] damage = new String[1];
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (damage[0] == null && warning != null
                            && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        damage[0] = warning;
                    }
                });
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DatasetException(file + ": the " + reader.getFormatName() + " decoder returned nothing");
                }
                if (damage[0] != null) {
                    throw new DatasetException(file + ": cannot decode image (" + damage[0]
                            + "). The file is damaged or cut short");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found. " + hint, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            // ImageIO reports corrupt data with IIOException and sometimes with runtime exceptions.
            throw new DatasetException(file + ": cannot decode image (" + e.getMessage()
                    + "). The file is damaged or not a PNG/JPEG", e);
        }
    }

    /**
     * Prepares a decoded image, handing its pixels to the engine a band of rows at a time.
     *
     * @param out receives {@link ImagePreparation#bytesPerImage()} bytes from {@code offset}
     * @throws DatasetException if the preparation refuses the image (prepare digit: no ink)
     */
    static void prepare(BufferedImage image, ImagePreparation preparation, String name, byte[] out, int offset) {
        int width = image.getWidth();
        int height = image.getHeight();
        ImageResize resize = preparation.start(width, height, name);
        int band = Math.max(1, Math.min(height, BAND_PIXELS / width));
        int[] argb = new int[band * width];
        for (int y = 0; y < height; y += band) {
            int rows = Math.min(band, height - y);
            argb(image, y, rows, argb);
            resize.addRows(argb, 0, rows);
        }
        resize.finish(out, offset);
    }

    /**
     * Rows {@code [y, y + rows)} as packed ARGB into {@code out} (modified), grey images with their
     * stored levels (scaled to 8 bits) rather than through Java's linear grey colour space.
     */
    static void argb(BufferedImage image, int y, int rows, int[] out) {
        int width = image.getWidth();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int type = raster.getTransferType();
        boolean storedGrey = model instanceof ComponentColorModel
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !model.isAlphaPremultiplied()
                && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT)
                && raster.getNumBands() == (model.hasAlpha() ? 2 : 1);
        if (!storedGrey) {
            image.getRGB(0, y, width, rows, out, 0, width);
            return;
        }
        int count = width * rows;
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        raster.getSamples(0, y, width, rows, 0, out);
        for (int i = 0; i < count; i++) {
            int g = to8Bits(out[i], greyMax);
            out[i] = 0xFF000000 | g << 16 | g << 8 | g;
        }
        if (model.hasAlpha()) {
            int alphaMax = (1 << model.getComponentSize(1)) - 1;
            int[] alpha = raster.getSamples(0, y, width, rows, 1, new int[count]);
            for (int i = 0; i < count; i++) {
                out[i] = (out[i] & 0x00FFFFFF) | to8Bits(alpha[i], alphaMax) << 24;
            }
        }
    }

    private static int to8Bits(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }
}
