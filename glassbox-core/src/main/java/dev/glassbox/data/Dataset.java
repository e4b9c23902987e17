package dev.glassbox.data;

import dev.glassbox.tensor.Matrix;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Labelled samples for training and evaluation: images or rows of a table, each with a class
 * (classification) or a number (regression).
 *
 * <p>Images are kept as bytes (one unsigned byte per pixel and channel, 0 = background, 255 =
 * ink, channel-last) and scaled to [0, 1] only when a batch is drawn, so MNIST's 60,000 training
 * images take 47 MB rather than 188 MB. Table rows are kept as the floats the network reads,
 * already prepared ({@link TablePreparation}). Regression targets are standardised numbers, one
 * per sample.
 *
 * <p>Immutable: the arrays are copied in and never handed out. Serializable, so a cluster can
 * ship a shard of it to another machine.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 2L;

    /** How pixels become network inputs: x = pixel / 255. Recorded in model files. */
    public static final String INPUT_NORMALIZATION = "pixel/255";

    /** Pixels become 0–1 inputs: value × 1/255. */
    static final float PIXEL_SCALE = 1f / 255f;

    private final String name;
    /** Images: size × features bytes; null for a table. */
    private final byte[] pixels;
    /** Tables: size × features floats; null for images. */
    private final float[] values;
    /** Classification: each sample's class; null for regression. */
    private final int[] labels;
    /** Regression: each sample's standardised target; null for classification. */
    private final float[] targets;
    private final int imageRows;
    private final int imageCols;
    private final int channels;
    private final int features;
    private final int classes;

    private Dataset(String name, byte[] pixels, float[] values, int[] labels, float[] targets, int imageRows,
            int imageCols, int channels, int classes) {
        this.name = name;
        this.pixels = pixels;
        this.values = values;
        this.labels = labels;
        this.targets = targets;
        this.imageRows = imageRows;
        this.imageCols = imageCols;
        this.channels = channels;
        this.features = imageRows * imageCols * channels;
        this.classes = classes;
    }

    /**
     * Gray images with MNIST's byte labels.
     *
     * @param pixels n images of imageRows × imageCols bytes, row-major, not retained
     * @param labels n class indices 0..classes−1, unsigned, not retained
     */
    public static Dataset of(String name, byte[] pixels, byte[] labels, int imageRows, int imageCols, int classes) {
        int[] classOf = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            classOf[i] = Byte.toUnsignedInt(labels[i]);
        }
        return images(name, pixels, classOf, new ImageShape(imageRows, imageCols, 1), classes);
    }

    /**
     * Images of any size and 1 (gray) or 3 (RGB) channels.
     *
     * @param pixels n images of shape's bytes, row-major and channel-last, not retained
     * @param labels n class indices 0..classes−1, not retained
     */
    public static Dataset images(String name, byte[] pixels, int[] labels, ImageShape shape, int classes) {
        requireClasses(name, labels, classes);
        long expected = (long) labels.length * shape.features();
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels need " + expected
                    + " bytes of " + shape + " images, got " + pixels.length);
        }
        return new Dataset(name, pixels.clone(), null, labels.clone(), null, shape.rows(), shape.cols(),
                shape.channels(), classes);
    }

    /**
     * Prepared table rows with classes.
     *
     * @param values n rows of {@code features} inputs, row-major, not retained
     * @param labels n class indices 0..classes−1, not retained
     */
    public static Dataset table(String name, float[] values, int features, int[] labels, int classes) {
        return ownTable(name, values.clone(), features, labels.clone(), classes);
    }

    /**
     * {@link #table}, keeping the arrays rather than copying them: for rows prepared for this
     * dataset alone ({@link TableData#dataset}), where a copy would double the biggest arrays of
     * loading a table (a million rows of 28 inputs: 112 MB).
     */
    static Dataset ownTable(String name, float[] values, int features, int[] labels, int classes) {
        requireClasses(name, labels, classes);
        requireRows(name, values, features, labels.length);
        return new Dataset(name, null, values, labels, null, 1, features, 1, classes);
    }

    /**
     * Prepared table rows with a number to predict (regression); {@link #classes()} is then 0.
     *
     * @param values n rows of {@code features} inputs, row-major, not retained
     * @param targets n standardised targets, not retained
     */
    public static Dataset regression(String name, float[] values, int features, float[] targets) {
        return ownRegression(name, values.clone(), features, targets.clone());
    }

    /** {@link #regression}, keeping the arrays rather than copying them, as {@link #ownTable} does. */
    static Dataset ownRegression(String name, float[] values, int features, float[] targets) {
        requireRows(name, values, features, targets.length);
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException(name + ": target " + targets[i] + " of sample " + i + " is not finite");
            }
        }
        return new Dataset(name, null, values, null, targets, 1, features, 1, 0);
    }

    private static void requireClasses(String name, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException(name + ": " + classes + " classes; expected at least 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
    }

    private static void requireRows(String name, float[] values, int features, int rows) {
        if (features < 1) {
            throw new IllegalArgumentException(name + ": " + features + " features per row; expected at least 1");
        }
        if (values.length != (long) rows * features) {
            throw new IllegalArgumentException(name + ": " + rows + " rows of " + features + " features need "
                    + (long) rows * features + " values, got " + values.length);
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels != null ? labels.length : targets.length;
    }

    /** Inputs per sample: the network's input size. */
    public int features() {
        return features;
    }

    /** Whether the samples are images (pixels), rather than table rows. */
    public boolean isImages() {
        return pixels != null;
    }

    /** Whether each sample has a number to predict rather than a class. */
    public boolean isRegression() {
        return targets != null;
    }

    /** Image height; 1 for a table. */
    public int imageRows() {
        return imageRows;
    }

    /** Image width; the number of features for a table. */
    public int imageCols() {
        return imageCols;
    }

    /** 1 (gray) or 3 (RGB) for images; 1 for a table. */
    public int channels() {
        return channels;
    }

    /** The images' shape; null for a table. */
    public ImageShape imageShape() {
        return isImages() ? new ImageShape(imageRows, imageCols, channels) : null;
    }

    /** The number of classes; 0 for regression. */
    public int classes() {
        return classes;
    }

    /** Sample {@code index}'s class. */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(name + ".label: a regression dataset has targets, not classes");
        }
        return labels[index];
    }

    /** Sample {@code index}'s standardised target (regression). */
    public float target(int index) {
        if (targets == null) {
            throw new IllegalStateException(name + ".target: a classification dataset has classes, not targets");
        }
        return targets[index];
    }

    /** Image {@code index} as unsigned pixel values 0..255 in a new array. */
    public int[] image(int index) {
        if (pixels == null) {
            throw new IllegalStateException(name + ".image: the samples are table rows, not images");
        }
        int[] out = new int[features];
        for (int i = 0; i < features; i++) {
            out[i] = Byte.toUnsignedInt(pixels[index * features + i]);
        }
        return out;
    }

    /** Sample {@code index} as the network reads it, in a new array. */
    public float[] input(int index) {
        Matrix x = Matrix.zeros(1, features);
        fillBatch(new int[] {index}, 0, 1, x, new int[1]);
        return x.data();
    }

    /** Image bytes as the network reads them, scaled exactly as {@link #fillBatch} scales: pixel × 1/255. */
    public static float[] pixelInputs(byte[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            x[i] = (pixels[i] & 0xFF) * PIXEL_SCALE;
        }
        return x;
    }

    /** How many samples of each class (none for regression). */
    public int[] classCounts() {
        int[] counts = new int[classes];
        if (labels != null) {
            for (int label : labels) {
                counts[label]++;
            }
        }
        return counts;
    }

    /**
     * Writes samples {@code order[from..to)} into a batch: row r of {@code x} gets the inputs of
     * sample {@code order[from + r]} (an image scaled to [0, 1]), and {@code y[r]} its class (0
     * for regression: see {@link #fillTargets}).
     *
     * @param x (to − from, features), overwritten
     * @param y at least to − from entries, overwritten
     */
    public void fillBatch(int[] order, int from, int to, Matrix x, int[] y) {
        int count = to - from;
        int f = features;
        if (x.rows() != count || x.cols() != f || y.length < count) {
            throw new IllegalArgumentException(name + ".fillBatch: batch of " + count + " needs x of shape ("
                    + count + ", " + f + "), got " + x.shape());
        }
        float[] data = x.data();
        for (int r = 0; r < count; r++) {
            int sample = order[from + r];
            int src = sample * f;
            int dst = r * f;
            if (pixels != null) {
                for (int i = 0; i < f; i++) {
                    data[dst + i] = (pixels[src + i] & 0xFF) * PIXEL_SCALE;
                }
            } else {
                System.arraycopy(values, src, data, dst, f);
            }
            y[r] = labels == null ? 0 : labels[sample];
        }
    }

    /**
     * Writes the targets of samples {@code order[from..to)} into a batch (regression).
     *
     * @param t (to − from, 1), overwritten
     */
    public void fillTargets(int[] order, int from, int to, Matrix t) {
        if (targets == null) {
            throw new IllegalStateException(name + ".fillTargets: a classification dataset has classes, not targets");
        }
        if (t.rows() != to - from || t.cols() != 1) {
            throw new IllegalArgumentException(name + ".fillTargets: batch of " + (to - from) + " needs t of shape ("
                    + (to - from) + ", 1), got " + t.shape());
        }
        float[] data = t.data();
        for (int r = 0; r < to - from; r++) {
            data[r] = targets[order[from + r]];
        }
    }

    /** Pixel (row, col) of the gray image starting at {@code base}, unsigned; 0 outside the image. */
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
        int[] chosen = new int[to - from];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = from + i;
        }
        return select(sliceName, chosen);
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
        int count = size() <= offset ? 0 : (size() - offset + step - 1) / step;
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = offset + i * step;
        }
        return select(shardName, chosen);
    }

    /** The samples {@code chosen}, in that order, as a new dataset. */
    public Dataset select(String selectionName, int[] chosen) {
        int f = features;
        byte[] p = pixels == null ? null : new byte[chosen.length * f];
        float[] v = values == null ? null : new float[chosen.length * f];
        int[] l = labels == null ? null : new int[chosen.length];
        float[] t = targets == null ? null : new float[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            int sample = chosen[i];
            if (sample < 0 || sample >= size()) {
                throw new IllegalArgumentException(name + ".select: sample " + sample + " outside 0.." + (size() - 1));
            }
            if (p != null) {
                System.arraycopy(pixels, sample * f, p, i * f, f);
            } else {
                System.arraycopy(values, sample * f, v, i * f, f);
            }
            if (l != null) {
                l[i] = labels[sample];
            } else {
                t[i] = targets[sample];
            }
        }
        return new Dataset(selectionName, p, v, l, t, imageRows, imageCols, channels, classes);
    }

    /** The samples of both, this one's first; they must be of one kind and shape. */
    public Dataset concat(String joinedName, Dataset other) {
        if (isImages() != other.isImages() || isRegression() != other.isRegression() || features != other.features
                || imageRows != other.imageRows || channels != other.channels || classes != other.classes) {
            throw new IllegalArgumentException(name + ".concat: " + other + " is not of the same kind as " + this);
        }
        return new Dataset(joinedName, join(pixels, other.pixels), join(values, other.values),
                join(labels, other.labels), join(targets, other.targets), imageRows, imageCols, channels, classes);
    }

    private static byte[] join(byte[] a, byte[] b) {
        if (a == null) {
            return null;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] join(float[] a, float[] b) {
        if (a == null) {
            return null;
        }
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] join(int[] a, int[] b) {
        if (a == null) {
            return null;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        String samples = isImages() ? size() + " images of " + new ImageShape(imageRows, imageCols, channels)
                : size() + " rows of " + features + " features";
        return name + "[" + samples + ", " + (isRegression() ? "regression" : classes + " classes") + "]";
    }
}
