package dev.glassbox.data;

/**
 * Area averaging (a box filter) of a {@code srcWidth × srcHeight} grid of values, {@code channels}
 * interleaved per pixel, to {@code outWidth × outHeight}: output pixel (x, y) is the mean of the
 * source over the rectangle {@code [x·sw/ow, (x+1)·sw/ow) × [y·sh/oh, (y+1)·sh/oh)}, each source
 * pixel weighted by the area it shares with that rectangle. Shrinking averages every source pixel
 * (no aliasing); enlarging repeats a pixel, mixing two only where an output pixel straddles them.
 *
 * <p>Separable, and fed one source row at a time: each row is averaged across to {@code outWidth}
 * values, then added with its overlap weight into the output rows it covers, so a tall image costs
 * no more memory than its output. Sums are doubles added in source order, each output divided by
 * its extent once at the end: the same arithmetic as averaging all rows, then all columns.
 *
 * <p>Not thread-safe; one instance per image.
 */
final class AreaAverage {
    private final int srcWidth;
    private final int srcHeight;
    private final int outWidth;
    private final int outHeight;
    private final int channels;
    /** Row i of the output covers source rows [rowFrom[i], rowFrom[i + 1]). */
    private final double[] rowFrom;
    /** (outHeight, outWidth, channels) weighted sums. */
    private final double[] sums;
    /** (outWidth, channels): the current source row averaged across. */
    private final float[] across;
    private int rowsAdded;

    AreaAverage(int srcWidth, int srcHeight, int outWidth, int outHeight, int channels) {
        if (srcWidth < 1 || srcHeight < 1 || outWidth < 1 || outHeight < 1 || channels < 1) {
            throw new IllegalArgumentException("AreaAverage: sizes must be positive, got " + srcWidth + "x"
                    + srcHeight + " to " + outWidth + "x" + outHeight + " with " + channels + " channels");
        }
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.channels = channels;
        this.rowFrom = new double[outHeight + 1];
        for (int i = 0; i <= outHeight; i++) {
            rowFrom[i] = (double) i * srcHeight / outHeight;
        }
        this.sums = new double[outHeight * outWidth * channels];
        this.across = new float[outWidth * channels];
    }

    /**
     * Adds the next source row.
     *
     * @param values {@code srcWidth × channels} values from {@code offset}, interleaved; not modified
     */
    void addRow(float[] values, int offset) {
        if (rowsAdded == srcHeight) {
            throw new IllegalStateException("AreaAverage.addRow: all " + srcHeight + " rows were already added");
        }
        for (int x = 0; x < outWidth; x++) {
            for (int c = 0; c < channels; c++) {
                across[x * channels + c] = average(values, offset + c, channels, srcWidth, outWidth, x);
            }
        }
        int k = rowsAdded++;
        // Output rows i with floor(from_i) <= k < to_i take a share of row k; the first is at most
        // one before k·oh/sh, whatever the rounding.
        for (int i = Math.max(0, (int) ((double) k * outHeight / srcHeight) - 1);
                i < outHeight && (int) rowFrom[i] <= k; i++) {
            double from = rowFrom[i];
            double to = rowFrom[i + 1];
            if (k < to) {
                double overlap = Math.min(to, k + 1) - Math.max(from, k);
                int base = i * outWidth * channels;
                for (int j = 0; j < across.length; j++) {
                    sums[base + j] += overlap * across[j];
                }
            }
        }
    }

    /**
     * The averaged image, {@code (outHeight, outWidth, channels)}, in a new array.
     *
     * @throws IllegalStateException if not every source row was added
     */
    float[] result() {
        if (rowsAdded != srcHeight) {
            throw new IllegalStateException("AreaAverage.result: expected " + srcHeight + " rows, got " + rowsAdded);
        }
        float[] out = new float[sums.length];
        int rowLength = outWidth * channels;
        for (int i = 0; i < outHeight; i++) {
            double extent = rowFrom[i + 1] - rowFrom[i];
            for (int j = 0; j < rowLength; j++) {
                out[i * rowLength + j] = (float) (sums[i * rowLength + j] / extent);
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
}
