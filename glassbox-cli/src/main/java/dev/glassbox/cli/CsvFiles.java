package dev.glassbox.cli;

import dev.glassbox.data.CsvTokenizer;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Reads a CSV file into a {@link Table}: UTF-8 (a byte-order mark is skipped, anything else that
 * is not UTF-8 refused), a header row, commas — or semicolons or tabs when the header has those
 * and no comma — RFC 4180 quoting, blank lines skipped. This class reads the file's bytes, skips
 * the mark and picks the delimiter; the engine's {@link CsvTokenizer} checks the UTF-8 and splits
 * it into cells as it comes, and {@link dev.glassbox.data.TablePreparation} prepares them.
 */
final class CsvFiles {
    private CsvFiles() {}

    /** Whether {@code file} looks like a table by its name. */
    static boolean isTable(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt");
    }

    /**
     * @throws DatasetException one line naming the file and the problem: missing, not a file, not
     *     UTF-8, empty, unbalanced quotes, ragged rows (row and counts), too many columns
     */
    static Table read(Path file) {
        return read(file, null);
    }

    /**
     * {@link #read(Path)}, every byte of the file also given to {@code digest} (unless null) as it
     * is read: the checksum a model records, with no second reading of the file.
     */
    static Table read(Path file, MessageDigest digest) {
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": not a regular file; pass a CSV file with a header row");
        }
        CsvTokenizer csv = new CsvTokenizer(file.toString(), delimiter(file));
        byte[] bytes = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(bytes, 0, 3);
            boolean bom = n == 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
            for (int from = bom ? 3 : 0; n >= 0; n = in.read(bytes), from = 0) {
                if (digest != null) {
                    digest.update(bytes, 0, n);
                }
                csv.feed(bytes, from, n);
            }
        } catch (IOException e) {
            throw problem(file, e);
        }
        return csv.finish();
    }

    private static DatasetException problem(Path file, IOException e) {
        if (e instanceof FileSystemException) {
            return new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new DatasetException(file + ": not valid CSV (" + e.getMessage() + ")", e);
    }

    /** A comma, unless the first line has none and has semicolons or tabs. */
    private static char delimiter(Path file) {
        String first;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            first = lines.readLine();
        } catch (IOException e) {
            throw problem(file, e);
        }
        return CsvTokenizer.delimiterFor(first);
    }
}
