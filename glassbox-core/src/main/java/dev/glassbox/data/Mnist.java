package dev.glassbox.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the four-file MNIST layout from a directory, raw or gzip, into two {@link Dataset}s.
 * Fashion-MNIST and KMNIST use the same names and format, so they load here too.
 *
 * <pre>
 *   train-images-idx3-ubyte[.gz]   (n, rows, cols) unsigned bytes, 0 = background
 *   train-labels-idx1-ubyte[.gz]   (n) class indices
 *   t10k-images-idx3-ubyte[.gz]    (m, rows, cols), same rows and cols as train
 *   t10k-labels-idx1-ubyte[.gz]    (m)
 *   SHA256SUMS.raw                 optional: `sha256sum` lines for the four uncompressed files
 * </pre>
 *
 * <p>If both a raw and a .gz copy exist, the raw one is read (no decompression). With
 * {@code SHA256SUMS.raw} present, each file's uncompressed bytes are hashed while they are read
 * and a mismatch is an error. The number of classes is the largest label (over train and test)
 * plus one, at least 2: 10 for MNIST, without hard-coding MNIST.
 *
 * <p>{@link MnistData#sha256()} is the SHA-256 of the four lines {@code "<hex>  <file>\n"} (file
 * names without .gz, sorted by name), i.e. exactly {@code sha256sum SHA256SUMS.raw} for a
 * canonical checksum file, so it can be checked from a shell.
 *
 * <p>Not a downloader: see {@link DatasetDownloads}.
 */
public final class Mnist {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four file names without .gz, in load order. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    public static final String CHECKSUM_FILE = "SHA256SUMS.raw";

    private static final String HINT = "--data DIR must hold the four IDX files (" + TRAIN_IMAGES + ".gz, "
            + TRAIN_LABELS + ".gz, " + TEST_IMAGES + ".gz, " + TEST_LABELS + ".gz; raw copies work too)";
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](?:\\./)?(\\S.*)");

    private Mnist() {}

    /** Loads {@code dir}; every problem is a {@link DatasetException} naming the file. */
    public static MnistData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": not a directory. " + HINT);
        }
        Map<String, Path> files = locate(dir);
        Map<String, String> expected = readChecksums(dir.resolve(CHECKSUM_FILE));
        Map<String, String> actual = new TreeMap<>();
        Map<String, IdxArray> arrays = new HashMap<>();
        for (String file : FILES) {
            Path path = files.get(file);
            MessageDigest digest = sha256();
            arrays.put(file, Idx.read(path, digest));
            String got = HexFormat.of().formatHex(digest.digest());
            String want = expected.get(file);
            if (want != null && !want.equals(got)) {
                throw new DatasetException(path + ": SHA-256 mismatch: expected " + want + ", got " + got
                        + ". The file is corrupt; restore it or re-download");
            }
            actual.put(file, got);
        }
        IdxArray trainImages = requireRank(files.get(TRAIN_IMAGES), arrays.get(TRAIN_IMAGES), 3);
        IdxArray trainLabels = requireRank(files.get(TRAIN_LABELS), arrays.get(TRAIN_LABELS), 1);
        IdxArray testImages = requireRank(files.get(TEST_IMAGES), arrays.get(TEST_IMAGES), 3);
        IdxArray testLabels = requireRank(files.get(TEST_LABELS), arrays.get(TEST_LABELS), 1);
        requireSameCount(files.get(TRAIN_IMAGES), trainImages, files.get(TRAIN_LABELS), trainLabels);
        requireSameCount(files.get(TEST_IMAGES), testImages, files.get(TEST_LABELS), testLabels);
        if (trainImages.dim(1) != testImages.dim(1) || trainImages.dim(2) != testImages.dim(2)) {
            throw new DatasetException(files.get(TEST_IMAGES) + ": expected " + trainImages.dim(1) + "x"
                    + trainImages.dim(2) + " images like " + TRAIN_IMAGES + ", got " + testImages.dim(1) + "x"
                    + testImages.dim(2) + ". The two files come from different datasets");
        }
        if (trainImages.dim(1) == 0 || trainImages.dim(2) == 0) {
            throw new DatasetException(files.get(TRAIN_IMAGES) + ": expected images of at least 1x1 pixels, got "
                    + trainImages.shape());
        }
        int classes = Math.max(2, Math.max(maxLabel(trainLabels), maxLabel(testLabels)) + 1);
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "data" : dir.toAbsolutePath().normalize().getFileName().toString();
        int rows = trainImages.dim(1);
        int cols = trainImages.dim(2);
        Dataset train = Dataset.of(name + "/train", trainImages.data(), trainLabels.data(), rows, cols, classes);
        Dataset test = Dataset.of(name + "/test", testImages.data(), testLabels.data(), rows, cols, classes);
        return new MnistData(train, test, combinedSha256(actual));
    }

    /** SHA-256 of the sorted {@code "<hex>  <file>\n"} lines: {@code sha256sum} of a canonical SHA256SUMS.raw. */
    static String combinedSha256(Map<String, String> sumsByFile) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(sumsByFile).forEach((file, sum) -> lines.append(sum).append("  ").append(file).append('\n'));
        return HexFormat.of().formatHex(sha256().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Path> locate(Path dir) {
        Map<String, Path> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String file : FILES) {
            Path raw = dir.resolve(file);
            Path gz = dir.resolve(file + ".gz");
            if (Files.isRegularFile(raw)) {
                found.put(file, raw);
            } else if (Files.isRegularFile(gz)) {
                found.put(file, gz);
            } else {
                missing.add(file + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException(dir + ": missing " + String.join(", ", missing) + ". " + HINT);
        }
        return found;
    }

    /** The expected sums by file name (without .gz), or an empty map when there is no checksum file. */
    static Map<String, String> readChecksums(Path sumsFile) {
        if (!Files.isRegularFile(sumsFile)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(sumsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(sumsFile + ": cannot read (" + e + ")", e);
        }
        Map<String, String> sums = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches()) {
                throw new DatasetException(sumsFile + ": line " + (i + 1) + ": expected '<64 hex digits>  <file>' "
                        + "as written by sha256sum, got '" + line + "'");
            }
            sums.put(m.group(2), m.group(1).toLowerCase());
        }
        for (String file : FILES) {
            if (!sums.containsKey(file)) {
                throw new DatasetException(sumsFile + ": expected a line for " + file + ", found none. "
                        + "Add it (sha256sum of the uncompressed file) or delete " + CHECKSUM_FILE
                        + " to skip verification");
            }
        }
        return sums;
    }

    private static IdxArray requireRank(Path file, IdxArray array, int rank) {
        if (array.rank() != rank) {
            throw new DatasetException(file + ": expected " + rank + " dimensions ("
                    + (rank == 3 ? "images, rows, cols" : "labels") + "), got " + array.shape()
                    + ". Are the image and label files swapped?");
        }
        return array;
    }

    private static void requireSameCount(Path imagesFile, IdxArray images, Path labelsFile, IdxArray labels) {
        if (images.dim(0) != labels.dim(0)) {
            throw new DatasetException(labelsFile + ": expected " + images.dim(0) + " labels, one per image in "
                    + imagesFile.getFileName() + ", got " + labels.dim(0)
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
