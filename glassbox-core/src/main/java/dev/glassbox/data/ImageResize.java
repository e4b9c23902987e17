package dev.glassbox.data;

/**
 * Turns one decoded image of any size, packed {@code 0xAARRGGBB} pixels arriving row by row, into
 * the bytes an {@link ImagePreparation} asks for. Plain arrays and arithmetic only, so it runs in
 * the browser as on the JVM.
 *
 * <p>Per source pixel, with alpha {@code a = A / 255}, transparent pixels composited over white
 * (transparent means paper):
 * <pre>
 *   grey:  g = (0.299 R + 0.587 G + 0.114 B) · a + 255 · (1 − a)      (luma, float arithmetic)
 *   RGB:   c = C · a + 255 · (1 − a)                                    for C in R, G, B
 * </pre>
 * Then, for {@link ImagePreparation.Prepare#NONE}, area averaging (a box filter,
 * {@link AreaAverage}) to {@code width × height}:
 * <pre>
 *   out(x, y) = Σ_source v(i, j) · overlap(i, j) / (sw/ow · sh/oh)
 * </pre>
 * where {@code overlap} is the area pixel (i, j) shares with the rectangle
 * {@code [x·sw/ow, (x+1)·sw/ow) × [y·sh/oh, (y+1)·sh/oh)}: shrinking averages every source pixel,
 * so it does not alias; enlarging repeats pixels. Each value is rounded to the nearest integer
 * ({@link Math#round(float)}) and clamped to 0..255. Output is row-major, channel-last.
 *
 * <p>For {@link ImagePreparation.Prepare#DIGIT} the whole grey image is kept and handed to
 * {@link DigitImage#fromGrey} when the last row has arrived.
 *
 * <p>Call order: {@link #addRows} until all {@code srcHeight} rows are in, then {@link #finish}
 * once. Not thread-safe; one instance per image. Not a decoder: the host decodes.
 */
public final class ImageResize {
    private final ImagePreparation preparation;
    private final int srcWidth;
    private final int srcHeight;
    private final String name;
    private final int channels;
    /** Prepare none: the running box filter. */
    private final AreaAverage area;
    /** Prepare none: one source row converted, (srcWidth, channels). */
    private final float[] row;
    /** Prepare digit: the whole grey image. */
    private final float[] grey;
    private int rowsAdded;
    private boolean finished;

    ImageResize(ImagePreparation preparation, int srcWidth, int srcHeight, String name) {
        if (srcWidth < 1 || srcHeight < 1) {
            throw new IllegalArgumentException("ImageResize: " + name + " is " + srcWidth + "x" + srcHeight
                    + ", expected at least 1x1");
        }
        this.preparation = preparation;
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        this.name = name;
        this.channels = preparation.channels().count();
        if (preparation.prepare() == ImagePreparation.Prepare.DIGIT) {
            if ((long) srcWidth * srcHeight > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("ImageResize: " + name + " is " + srcWidth + "x" + srcHeight
                        + ", too large to hold as one grey array for prepare digit");
            }
            this.grey = new float[srcWidth * srcHeight];
            this.area = null;
            this.row = null;
        } else {
            this.grey = null;
            this.area = new AreaAverage(srcWidth, srcHeight, preparation.width(), preparation.height(), channels);
            this.row = new float[srcWidth * channels];
        }
    }

    /**
     * Adds the next {@code rows} rows.
     *
     * @param argb {@code rows × srcWidth} packed ARGB pixels from {@code offset}, row-major; not modified
     */
    public void addRows(int[] argb, int offset, int rows) {
        if (rows < 0 || rowsAdded + rows > srcHeight || offset < 0 || offset + (long) rows * srcWidth > argb.length) {
            throw new IllegalArgumentException("ImageResize.addRows: " + rows + " rows of " + srcWidth + " pixels from "
                    + offset + " in " + argb.length + ", with " + rowsAdded + " of " + srcHeight + " rows already in");
        }
        for (int r = 0; r < rows; r++) {
            int base = offset + r * srcWidth;
            if (grey != null) {
                int to = (rowsAdded + r) * srcWidth;
                for (int x = 0; x < srcWidth; x++) {
                    grey[to + x] = luma(argb[base + x]);
                }
            } else if (channels == 1) {
                for (int x = 0; x < srcWidth; x++) {
                    row[x] = luma(argb[base + x]);
                }
                area.addRow(row, 0);
            } else {
                for (int x = 0; x < srcWidth; x++) {
                    int pixel = argb[base + x];
                    float alpha = alpha(pixel);
                    row[3 * x] = overWhite((pixel >> 16) & 0xFF, alpha);
                    row[3 * x + 1] = overWhite((pixel >> 8) & 0xFF, alpha);
                    row[3 * x + 2] = overWhite(pixel & 0xFF, alpha);
                }
                area.addRow(row, 0);
            }
        }
        rowsAdded += rows;
    }

    /**
     * Writes the prepared image.
     *
     * @param out receives {@link ImagePreparation#bytesPerImage()} bytes from {@code offset}; modified there only
     * @throws IllegalStateException if rows are missing or this was already called
     * @throws DatasetException if {@link ImagePreparation.Prepare#DIGIT} finds no ink
     */
    public void finish(byte[] out, int offset) {
        if (finished || rowsAdded != srcHeight) {
            throw new IllegalStateException("ImageResize.finish: " + name + (finished ? " was already finished"
                    : " has " + rowsAdded + " of its " + srcHeight + " rows"));
        }
        int size = preparation.bytesPerImage();
        if (offset < 0 || offset + (long) size > out.length) {
            throw new IllegalArgumentException("ImageResize.finish: " + size + " bytes from " + offset
                    + " do not fit in " + out.length);
        }
        finished = true;
        if (grey != null) {
            int[] pixels = DigitImage.fromGrey(grey, srcWidth, srcHeight, name).pixels();
            for (int i = 0; i < size; i++) {
                out[offset + i] = (byte) pixels[i];
            }
            return;
        }
        float[] values = area.result();
        for (int i = 0; i < size; i++) {
            out[offset + i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
    }

    /**
     * Grey level 0..255 of one packed ARGB pixel: luma {@code 0.299 R + 0.587 G + 0.114 B}, composited
     * over white by its alpha.
     */
    public static float luma(int argb) {
        float l = 0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
        return overWhite(l, alpha(argb));
    }

    private static float alpha(int argb) {
        return (argb >>> 24) / 255f;
    }

    /** {@code level · a + 255 · (1 − a)}: a colour at opacity {@code a} on white paper. */
    private static float overWhite(float level, float alpha) {
        return level * alpha + 255 * (1 - alpha);
    }
}
