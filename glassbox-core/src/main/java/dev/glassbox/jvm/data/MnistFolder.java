package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Idx;
import dev.glassbox.data.IdxArray;
import dev.glassbox.data.Mnist;
import dev.glassbox.data.MnistData;
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
import java.util.stream.Stream;

/**
 * Loads the four-file MNIST layout ({@link Mnist}) from a folder, raw or gzip.
 *
 * <pre>
 *   train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
 *   t10k-images-idx3-ubyte[.gz],  t10k-labels-idx1-ubyte[.gz]
 *   SHA256SUMS.raw                 optional: `sha256sum` lines for the four uncompressed files
 * </pre>
 *
 * <p>If both a raw and a .gz copy exist, the raw one is read (no decompression). Each file's
 * uncompressed bytes are hashed after reading (the header rebuilt from the array, then the data:
 * exactly the file, since nothing may trail it); with {@code SHA256SUMS.raw} present a mismatch
 * is an error.
 *
 * <p>{@link MnistData#sha256()} is the SHA-256 of the four lines {@code "<hex>  <file>\n"} (file
 * names without .gz, sorted by name), i.e. exactly {@code sha256sum SHA256SUMS.raw} for a
 * canonical checksum file, so it can be checked from a shell.
 *
 * <p>Not a downloader: see {@link DatasetDownloads}.
 */
public final class MnistFolder {
    public static final String CHECKSUM_FILE = "SHA256SUMS.raw";

    private static final String HINT = "--data DIR must hold the four IDX files (" + Mnist.TRAIN_IMAGES + ".gz, "
            + Mnist.TRAIN_LABELS + ".gz, " + Mnist.TEST_IMAGES + ".gz, " + Mnist.TEST_LABELS
            + ".gz; raw copies work too)";
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](?:\\./)?(\\S.*)");

    private MnistFolder() {}

    /**
     * Whether {@code dir} is meant as an IDX folder: it holds one of the four files (raw or gzip),
     * or no subfolder at all (so a wrong folder gets this layout's hint), as opposed to a folder of
     * class subfolders of images.
     */
    public static boolean looksLikeIdx(Path dir) {
        for (String file : Mnist.FILES) {
            if (Files.exists(dir.resolve(file)) || Files.exists(dir.resolve(file + ".gz"))) {
                return true;
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.noneMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return true; // the IDX reader names the problem
        }
    }

    /** Loads {@code dir}; every problem is a {@link DatasetException} naming the file. */
    public static MnistData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": not a directory. " + HINT);
        }
        Map<String, Path> files = locate(dir);
        Map<String, String> expected = readChecksums(dir.resolve(CHECKSUM_FILE));
        Map<String, String> actual = new TreeMap<>();
        Map<String, Mnist.Part> parts = new HashMap<>();
        for (String file : Mnist.FILES) {
            Path path = files.get(file);
            IdxArray array = IdxFiles.read(path);
            String got = sha256(array);
            String want = expected.get(file);
            if (want != null && !want.equals(got)) {
                throw new DatasetException(path + ": SHA-256 mismatch: expected " + want + ", got " + got
                        + ". The file is corrupt; restore it or re-download");
            }
            actual.put(file, got);
            parts.put(file, new Mnist.Part(path.toString(), array));
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "data" : dir.toAbsolutePath().normalize().getFileName().toString();
        return Mnist.of(name, parts, combinedSha256(actual));
    }

    /** SHA-256 of the sorted {@code "<hex>  <file>\n"} lines: {@code sha256sum} of a canonical SHA256SUMS.raw. */
    static String combinedSha256(Map<String, String> sumsByFile) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(sumsByFile).forEach((file, sum) -> lines.append(sum).append("  ").append(file).append('\n'));
        return HexFormat.of().formatHex(sha256().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The SHA-256 of the uncompressed file {@code array} was read from. */
    private static String sha256(IdxArray array) {
        MessageDigest digest = sha256();
        digest.update(Idx.header(array));
        digest.update(array.data());
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The file read for each of {@link Mnist#FILES} in {@code dir}: the raw copy if there is one,
     * else the .gz.
     *
     * @throws DatasetException naming the files missing
     */
    public static Map<String, Path> locate(Path dir) {
        Map<String, Path> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String file : Mnist.FILES) {
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
        for (String file : Mnist.FILES) {
            if (!sums.containsKey(file)) {
                throw new DatasetException(sumsFile + ": expected a line for " + file + ", found none. "
                        + "Add it (sha256sum of the uncompressed file) or delete " + CHECKSUM_FILE
                        + " to skip verification");
            }
        }
        return sums;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
