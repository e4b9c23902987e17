package dev.glassbox.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The four-file MNIST layout, checked and turned into two {@link Dataset}s. Fashion-MNIST and
 * KMNIST use the same names and format, so they load here too.
 *
 * <pre>
 *   train-images-idx3-ubyte[.gz]   (n, rows, cols) unsigned bytes, 0 = background
 *   train-labels-idx1-ubyte[.gz]   (n) class indices
 *   t10k-images-idx3-ubyte[.gz]    (m, rows, cols), same rows and cols as train
 *   t10k-labels-idx1-ubyte[.gz]    (m)
 * </pre>
 *
 * <p>The number of classes is the largest label (over train and test) plus one, at least 2: 10 for
 * MNIST, without hard-coding MNIST.
 *
 * <p>Bytes in, data out: finding the files in a folder, checking their SHA-256 sums and computing
 * {@link MnistData#sha256()} are the host's ({@code dev.glassbox.jvm.data.MnistFolder} on the JVM),
 * since hashing is not in every Java class library.
 */
public final class Mnist {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four file names without .gz, in load order. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private Mnist() {}

    /**
     * One of the four files, read.
     *
     * @param where what messages call the file: a path, a URL or just its name
     * @param array its content
     */
    public record Part(String where, IdxArray array) {
        public Part {
            if (where == null || array == null) {
                throw new IllegalArgumentException("Mnist.Part: where and array must not be null");
            }
        }

        /** The last segment of {@link #where}: the file's own name. */
        String fileName() {
            return where.substring(Math.max(where.lastIndexOf('/'), where.lastIndexOf('\\')) + 1);
        }
    }

    /**
     * Reads the four files' bytes (raw or gzip) and builds the data.
     *
     * @param name   the data's name, e.g. {@code mnist}; the sets are called {@code <name>/train} and {@code <name>/test}
     * @param files  each file's bytes, by its name in {@link #FILES}; each is named so in messages
     * @param sha256 the checksum to record, computed by the caller as {@link MnistData#sha256()} says
     * @throws DatasetException naming the file and the problem
     */
    public static MnistData fromBytes(String name, Map<String, byte[]> files, String sha256) {
        Map<String, Part> parts = new HashMap<>();
        for (String file : FILES) {
            byte[] bytes = files.get(file);
            if (bytes == null) {
                throw new IllegalArgumentException("Mnist.fromBytes: expected the bytes of " + FILES + ", "
                        + file + " is missing");
            }
            parts.put(file, new Part(file, Idx.read(bytes, file)));
        }
        return of(name, parts, sha256);
    }

    /**
     * Builds the data from the four files already read, after checking they belong together.
     *
     * @param name   as for {@link #fromBytes}
     * @param parts  by file name in {@link #FILES}
     * @param sha256 as for {@link #fromBytes}
     * @throws DatasetException naming the file and the problem
     */
    public static MnistData of(String name, Map<String, Part> parts, String sha256) {
        for (String file : FILES) {
            if (parts.get(file) == null) {
                throw new IllegalArgumentException("Mnist.of: expected parts " + FILES + ", " + file + " is missing");
            }
        }
        Part trainImagesPart = parts.get(TRAIN_IMAGES);
        Part testImagesPart = parts.get(TEST_IMAGES);
        IdxArray trainImages = requireRank(trainImagesPart, 3);
        IdxArray trainLabels = requireRank(parts.get(TRAIN_LABELS), 1);
        IdxArray testImages = requireRank(testImagesPart, 3);
        IdxArray testLabels = requireRank(parts.get(TEST_LABELS), 1);
        requireSameCount(trainImagesPart, parts.get(TRAIN_LABELS));
        requireSameCount(testImagesPart, parts.get(TEST_LABELS));
        if (trainImages.dim(1) != testImages.dim(1) || trainImages.dim(2) != testImages.dim(2)) {
            throw new DatasetException(testImagesPart.where() + ": expected " + trainImages.dim(1) + "x"
                    + trainImages.dim(2) + " images like " + TRAIN_IMAGES + ", got " + testImages.dim(1) + "x"
                    + testImages.dim(2) + ". The two files come from different datasets");
        }
        if (trainImages.dim(1) == 0 || trainImages.dim(2) == 0) {
            throw new DatasetException(trainImagesPart.where() + ": expected images of at least 1x1 pixels, got "
                    + trainImages.shape());
        }
        int classes = Math.max(2, Math.max(maxLabel(trainLabels), maxLabel(testLabels)) + 1);
        int rows = trainImages.dim(1);
        int cols = trainImages.dim(2);
        Dataset train = Dataset.of(name + "/train", trainImages.data(), trainLabels.data(), rows, cols, classes);
        Dataset test = Dataset.of(name + "/test", testImages.data(), testLabels.data(), rows, cols, classes);
        return new MnistData(train, test, sha256);
    }

    private static IdxArray requireRank(Part part, int rank) {
        IdxArray array = part.array();
        if (array.rank() != rank) {
            throw new DatasetException(part.where() + ": expected " + rank + " dimensions ("
                    + (rank == 3 ? "images, rows, cols" : "labels") + "), got " + array.shape()
                    + ". Are the image and label files swapped?");
        }
        return array;
    }

    private static void requireSameCount(Part images, Part labels) {
        if (images.array().dim(0) != labels.array().dim(0)) {
            throw new DatasetException(labels.where() + ": expected " + images.array().dim(0)
                    + " labels, one per image in " + images.fileName() + ", got " + labels.array().dim(0)
                    + ". The files come from different datasets");
        }
    }

    private static int maxLabel(IdxArray labels) {
        int max = 0;
        for (byte label : labels.data()) {
            max = Math.max(max, Byte.toUnsignedInt(label));
        }
        return max;
    }
}
