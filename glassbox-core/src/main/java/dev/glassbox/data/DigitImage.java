package dev.glassbox.data;

import dev.glassbox.tensor.Matrix;
import java.util.Arrays;

/**
 * A photo or drawing of one digit turned into a 28×28 input the way MNIST's own images were
 * made, so a network trained on MNIST sees what it expects.
 *
 * <p>Steps, on a grey image {@code g} (0..255):
 * <ol>
 *   <li>The host decodes the image, refusing a huge one before decoding
 *       ({@code dev.glassbox.jvm.data.DigitImages} on the JVM).</li>
 *   <li>The host takes luma {@code g = 0.299 R + 0.587 G + 0.114 B}, transparent pixels composited over white.</li>
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
 * <p>Not a digit detector: the image should hold one digit on a plain background. Not a decoder
 * either: this class starts from grey levels, so it runs wherever the engine runs.
 */
public final class DigitImage {
    public static final int SIZE = 28;
    /** MNIST's digits fit a 20×20 box inside the 28×28 image. */
    public static final int BOX = 20;
    static final int NOISE_FLOOR = 30;
    static final int MIN_CONTRAST = 32;

    private static final float PIXEL_SCALE = 1f / 255f; // as in Dataset.fillBatch

    private final int[] pixels;

    private DigitImage(int[] pixels) {
        this.pixels = pixels;
    }

    /**
     * Prepares a grey image as MNIST's digits were prepared (steps 3 to 6 above).
     *
     * @param grey   {@code width × height} grey levels 0..255, row-major, 0 = black; modified (used as
     *               scratch space: an image of 25 megapixels is 100 MB of floats, not worth a copy)
     * @param name   what messages call the image, e.g. its file
     * @throws DatasetException if no ink stands out from the background
     */
    public static DigitImage fromGrey(float[] grey, int width, int height, String name) {
        if (grey == null || width < 1 || height < 1 || grey.length != (long) width * height) {
            throw new IllegalArgumentException("DigitImage.fromGrey: expected " + width + "x" + height
                    + " grey levels, got " + (grey == null ? "null" : grey.length + " values"));
        }
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
     * Area-averaging resample ({@link AreaAverage}) of the region (left, top, w, h) of {@code src}
     * to (outW, outH): each output pixel is the mean of the source area it covers, fractional
     * pixels weighted by overlap.
     */
    static float[] resample(float[] src, int srcWidth, int left, int top, int w, int h, int outW, int outH) {
        AreaAverage area = new AreaAverage(w, h, outW, outH, 1);
        for (int y = 0; y < h; y++) {
            area.addRow(src, (top + y) * srcWidth + left);
        }
        return area.result();
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
