package dev.glassbox.data;

import dev.glassbox.tensor.Matrix;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A photo or drawing of one digit (PNG, JPEG, anything ImageIO reads) turned into a 28×28 input
 * the way MNIST's own images were made, so a network trained on MNIST sees what it expects.
 *
 * <p>Steps, on a grey image {@code g} (0..255):
 * <ol>
 *   <li>Read only the header first: more than {@value #MAX_MEGAPIXELS} megapixels or a zero size is
 *       refused before decoding (a 100,000² PNG header costs nothing; its pixels would not fit).</li>
 *   <li>Luma {@code g = 0.299 R + 0.587 G + 0.114 B}, transparent pixels composited over white.</li>
 *   <li>Ink must be high, as in MNIST: if the median border pixel is light (> 127), {@code g = 255 − g}.</li>
 *   <li>Contrast: {@code g = 255 (g − b) / (max − b)} with {@code b} the median border value, so grey
 *       paper becomes 0 and the darkest stroke 255; values below {@value #NOISE_FLOOR} are noise and
 *       become 0. Less than {@value #MIN_CONTRAST} between paper and ink means "no ink found".</li>
 *   <li>Crop to the ink's bounding box and scale it by area averaging (anti-aliased) so its longer
 *       side is 20 pixels, keeping the aspect ratio; then rescale so the brightest pixel is 255, as
 *       in every MNIST digit (averaging dims thin strokes).</li>
 *   <li>Paste it into 28×28 so its centre of mass lies at (14, 14) in pixel indices (the shift is
 *       rounded and clamped so the 20-pixel box stays inside), as MNIST's digits are placed.</li>
 * </ol>
 *
 * <p>Not a digit detector: the image should hold one digit on a plain background.
 */
public final class DigitImage {
    public static final int SIZE = 28;
    /** MNIST's digits fit a 20×20 box inside the 28×28 image. */
    public static final int BOX = 20;
    public static final int MAX_MEGAPIXELS = 25;
    static final int NOISE_FLOOR = 30;
    static final int MIN_CONTRAST = 32;

    private static final float PIXEL_SCALE = 1f / 255f; // as in Dataset.fillBatch

    private final int[] pixels;

    private DigitImage(int[] pixels) {
        this.pixels = pixels;
    }

    /** Reads and preprocesses an image file. */
    public static DigitImage load(Path file) {
        return of(decode(file), file.toString());
    }

    /** Preprocesses an image already in memory; {@code name} is used in error messages. */
    public static DigitImage of(BufferedImage image, String name) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = luma(image);
        float border = borderMedian(grey, width, height);
        if (border > 127) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 255 - grey[i];
            }
            border = 255 - border;
        }
        float max = 0;
        for (float g : grey) {
            max = Math.max(max, g);
        }
        if (max - border < MIN_CONTRAST) {
            throw new DatasetException(name + ": no ink found: expected strokes at least " + MIN_CONTRAST
                    + " grey levels from the background, got " + Math.round(max - border)
                    + ". Draw a darker digit on a plain background");
        }
        float stretch = 255 / (max - border);
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float v = (grey[i] - border) * stretch;
                grey[i] = v < NOISE_FLOOR ? 0 : v;
                if (v >= NOISE_FLOOR) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        int inkWidth = right - left + 1;
        int inkHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(inkWidth, inkHeight);
        int outWidth = Math.max(1, (int) Math.round(inkWidth * scale));
        int outHeight = Math.max(1, (int) Math.round(inkHeight * scale));
        float[] box = resample(grey, width, left, top, inkWidth, inkHeight, outWidth, outHeight);
        // Averaging dims thin strokes; every MNIST digit reaches 254..255, so stretch the peak there.
        float peak = 0;
        for (float v : box) {
            peak = Math.max(peak, v);
        }
        for (int i = 0; i < box.length; i++) {
            box[i] *= 255 / peak;
        }
        return new DigitImage(center(box, outWidth, outHeight));
    }

    /** The 784 pixels, row-major, 0 = background, 255 = ink, in a new array. */
    public int[] pixels() {
        return pixels.clone();
    }

    /** A (1, 784) network input: pixel / 255, exactly as {@link Dataset#fillBatch} scales. */
    public Matrix toMatrix() {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] * PIXEL_SCALE;
        }
        return Matrix.wrap(1, x.length, x);
    }

    /**
     * Writes grey pixels (0..255, row-major; 255 is drawn white) as an 8-bit greyscale PNG. MNIST
     * images therefore come out white on black, as the data stores them.
     */
    public static void writePng(int[] pixels, int rows, int cols, Path file) {
        if (rows < 1 || cols < 1 || pixels.length != (long) rows * cols) {
            throw new IllegalArgumentException("DigitImage.writePng: expected " + rows + "x" + cols + " = "
                    + (long) rows * cols + " pixels, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] < 0 || pixels[i] > 255) {
                throw new IllegalArgumentException("DigitImage.writePng: pixel " + i + " is " + pixels[i]
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

    /** The median of the outermost pixels: the paper's colour, robust to a stroke touching the edge. */
    private static float borderMedian(float[] grey, int width, int height) {
        float[] border = new float[2 * width + 2 * height];
        int n = 0;
        for (int x = 0; x < width; x++) {
            border[n++] = grey[x];
            if (height > 1) {
                border[n++] = grey[(height - 1) * width + x];
            }
        }
        for (int y = 1; y < height - 1; y++) {
            border[n++] = grey[y * width];
            if (width > 1) {
                border[n++] = grey[y * width + width - 1];
            }
        }
        Arrays.sort(border, 0, n);
        return border[n / 2];
    }

    /**
     * Area-averaging resample of the region (left, top, w, h) of {@code src} to (outW, outH): each
     * output pixel is the mean of the source area it covers, fractional pixels weighted by overlap.
     * Separable: rows first, then columns.
     */
    static float[] resample(float[] src, int srcWidth, int left, int top, int w, int h, int outW, int outH) {
        float[] rows = new float[h * outW];
        for (int y = 0; y < h; y++) {
            int base = (top + y) * srcWidth + left;
            for (int x = 0; x < outW; x++) {
                rows[y * outW + x] = average(src, base, 1, w, outW, x);
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

    /** Mean of {@code values[base + k·stride]} over k in [i·n/outN, (i+1)·n/outN), weighted by overlap. */
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

    /** Pastes the (w, h) box into 28×28 with its centre of mass at (14, 14). */
    private static int[] center(float[] box, int w, int h) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = box[y * w + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        int shiftX = clamp((int) Math.round(SIZE / 2.0 - sumX / mass), SIZE - w);
        int shiftY = clamp((int) Math.round(SIZE / 2.0 - sumY / mass), SIZE - h);
        int[] out = new int[SIZE * SIZE];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[(y + shiftY) * SIZE + x + shiftX] = Math.min(255, Math.round(box[y * w + x]));
            }
        }
        return out;
    }

    private static int clamp(int shift, int max) {
        return Math.max(0, Math.min(max, shift));
    }
}
