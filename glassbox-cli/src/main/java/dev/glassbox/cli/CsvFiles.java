package dev.glassbox.cli;

import dev.glassbox.data.CsvTokenizer;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Table;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a CSV file into a {@link Table}: UTF-8 (a byte-order mark is skipped, anything else that
 * is not UTF-8 refused), a header row, commas — or semicolons or tabs when the header has those
 * and no comma — RFC 4180 quoting, blank lines skipped. This class reads and decodes the file and
 * picks the delimiter; the engine's {@link CsvTokenizer} splits the text into cells as it comes,
 * and {@link dev.glassbox.data.TablePreparation} prepares them.
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
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": not a regular file; pass a CSV file with a header row");
        }
        CsvTokenizer csv = new CsvTokenizer(file.toString(), delimiter(file));
        char[] text = new char[1 << 16];
        try (Reader reader = utf8(file)) {
            for (int n; (n = reader.read(text)) >= 0; ) {
                csv.feed(text, 0, n);
            }
        } catch (IOException e) {
            throw problem(file, e);
        }
        return csv.finish();
    }

    private static DatasetException problem(Path file, Throwable e) {
        if (e instanceof CharacterCodingException) {
            return new DatasetException(file + ": not UTF-8 text; save the CSV as UTF-8", e);
        }
        if (e instanceof FileSystemException) {
            return new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new DatasetException(file + ": not valid CSV (" + e.getMessage() + ")", e);
    }

    /** A strict UTF-8 reader: a malformed byte is an error, not a silent replacement character. */
    private static Reader utf8(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder); // read in large pieces: no buffer of its own needed
    }

    /** A comma, unless the first line has none and has semicolons or tabs. */
    private static char delimiter(Path file) {
        String first;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            first = lines.readLine();
        } catch (IOException e) {
            throw problem(file, e);
        }
        if (first == null || first.indexOf(',') >= 0) {
            return ',';
        }
        if (first.indexOf('\t') >= 0) {
            return '\t';
        }
        return first.indexOf(';') >= 0 ? ';' : ',';
    }
}
