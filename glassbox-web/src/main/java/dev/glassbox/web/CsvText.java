package dev.glassbox.web;

import dev.glassbox.data.CsvTokenizer;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Table;
import java.nio.charset.StandardCharsets;

/**
 * A CSV file's bytes into a {@link Table}, in the page: UTF-8 (a byte-order mark skipped, bytes
 * that are not UTF-8 refused), commas — or semicolons or tabs when the header has those and no
 * comma — then the engine's {@link CsvTokenizer}, as {@code glassbox} reads a file on the JVM.
 */
final class CsvText {
    private CsvText() {}

    /**
     * @param name what messages call the table
     * @throws DatasetException naming the problem
     */
    static Table table(byte[] bytes, String name) {
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        // A lenient decoder turns bad bytes into U+FFFD; a file that holds none of its own is not UTF-8.
        if (text.indexOf('\uFFFD') >= 0 && !contains(bytes, from)) {
            throw new DatasetException(name + ": not UTF-8 text; save the CSV as UTF-8");
        }
        int lineEnd = 0;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        CsvTokenizer tokenizer = new CsvTokenizer(name, CsvTokenizer.delimiterFor(text.substring(0, lineEnd)));
        char[] chars = text.toCharArray();
        tokenizer.feed(chars, 0, chars.length);
        return tokenizer.finish();
    }

    /** Whether the bytes from {@code from} on hold U+FFFD itself (EF BF BD). */
    private static boolean contains(byte[] bytes, int from) {
        for (int i = from; i + 2 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xEF && (bytes[i + 1] & 0xFF) == 0xBF && (bytes[i + 2] & 0xFF) == 0xBD) {
                return true;
            }
        }
        return false;
    }
}
