package dev.glassbox.data;

import dev.glassbox.tensor.Matrix;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Labelled images kept as bytes (one unsigned byte per pixel, 0 = background, 255 = ink) and
 * scaled to [0, 1] only when a batch is drawn, so MNIST's 60,000 training images take 47 MB
 * rather than 188 MB.
 *
 * <p>Immutable: the arrays are copied in and never handed out. Serializable, so a cluster can
 * ship a shard of it to another machine.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How pixels become network inputs: x = pixel / 255. Recorded in model files. */
    public static final String INPUT_NORMALIZATION = "pixel/255";

    /** Pixels become 0–1 inputs: value × 1/255. */
    static final float PIXEL_SCALE = 1f / 255f;

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int imageRows;
    private final int imageCols;
    private final int classes;

    private Dataset(String name, byte[] pixels, byte[] labels, int imageRows, int imageCols, int classes) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.imageRows = imageRows;
        this.imageCols = imageCols;
        this.classes = classes;
    }

    /**
     * @param pixels n images of imageRows × imageCols bytes, row-major, not retained
     * @param labels n class indices 0..classes−1, not retained
     */
    public static Dataset of(String name, byte[] pixels, byte[] labels, int imageRows, int imageCols, int classes) {
        if (imageRows < 1 || imageCols < 1 || classes < 1) {
            throw new IllegalArgumentException(name + ": image size " + imageRows + "x" + imageCols + " and "
                    + classes + " classes must all be positive");
        }
        long expected = (long) labels.length * imageRows * imageCols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels need " + expected
                    + " pixels of " + imageRows + "x" + imageCols + " images, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            int label = Byte.toUnsignedInt(labels[i]);
            if (label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " of sample " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
        return new Dataset(name, pixels.clone(), labels.clone(), imageRows, imageCols, classes);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    /** Pixels per image: the network's input size. */
    public int features() {
        return imageRows * imageCols;
    }

    public int imageRows() {
        return imageRows;
    }

    public int imageCols() {
        return imageCols;
    }

    public int classes() {
        return classes;
    }

    public int label(int index) {
        return Byte.toUnsignedInt(labels[index]);
    }

    /** Image {@code index} as unsigned pixel values 0..255 in a new array. */
    public int[] image(int index) {
        int f = features();
        int[] out = new int[f];
        for (int i = 0; i < f; i++) {
            out[i] = Byte.toUnsignedInt(pixels[index * f + i]);
        }
        return out;
    }

    /** How many samples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (byte label : labels) {
            counts[Byte.toUnsignedInt(label)]++;
        }
        return counts;
    }

    /**
     * Writes samples {@code order[from..to)} into a batch: row r of {@code x} gets image
     * {@code order[from + r]} scaled to [0, 1], and {@code y[r]} its label.
     *
     * @param x (to − from, features), overwritten
     * @param y at least to − from entries, overwritten
     */
    public void fillBatch(int[] order, int from, int to, Matrix x, int[] y) {
        int count = to - from;
        int f = features();
        if (x.rows() != count || x.cols() != f || y.length < count) {
            throw new IllegalArgumentException(name + ".fillBatch: batch of " + count + " needs x of shape ("
                    + count + ", " + f + "), got " + x.shape());
        }
        float[] data = x.data();
        for (int r = 0; r < count; r++) {
            int sample = order[from + r];
            int src = sample * f;
            int dst = r * f;
            for (int i = 0; i < f; i++) {
                data[dst + i] = (pixels[src + i] & 0xFF) * PIXEL_SCALE;
            }
            y[r] = labels[sample] & 0xFF;
        }
    }

    /** Pixel (row, col) of the image starting at {@code base}, unsigned; 0 outside the image. */
    int pixel(int base, int rows, int cols, int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            return 0;
        }
        return pixels[base + row * cols + col] & 0xFF;
    }

    /** Samples {@code [from, to)} as a new dataset. */
    public Dataset slice(String sliceName, int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException(name + ".slice: [" + from + ", " + to + ") outside 0.." + size());
        }
        int f = features();
        return new Dataset(sliceName, Arrays.copyOfRange(pixels, from * f, to * f),
                Arrays.copyOfRange(labels, from, to), imageRows, imageCols, classes);
    }

    /**
     * Every {@code step}-th sample from {@code offset} on, in order, as a new dataset: shard
     * {@code offset} of {@code step} equal shards, each with the classes in the proportions of the
     * whole even if the samples are sorted by class.
     */
    public Dataset every(String shardName, int offset, int step) {
        if (step < 1 || offset < 0 || offset >= step) {
            throw new IllegalArgumentException(name + ".every: offset " + offset + " and step " + step
                    + " must satisfy 0 ≤ offset < step");
        }
        int f = features();
        int count = size() <= offset ? 0 : (size() - offset + step - 1) / step;
        byte[] shardPixels = new byte[count * f];
        byte[] shardLabels = new byte[count];
        for (int i = 0; i < count; i++) {
            int sample = offset + i * step;
            System.arraycopy(pixels, sample * f, shardPixels, i * f, f);
            shardLabels[i] = labels[sample];
        }
        return new Dataset(shardName, shardPixels, shardLabels, imageRows, imageCols, classes);
    }

    @Override
    public String toString() {
        return name + "[" + size() + " images of " + imageRows + "x" + imageCols + ", " + classes + " classes]";
    }
}
