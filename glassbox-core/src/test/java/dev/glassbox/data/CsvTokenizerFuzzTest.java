package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The CSV tokenizer on arbitrary text against Apache Commons CSV read the way the CLI used to
 * ({@link ReferenceCsv}): the same table, cell for cell, or the same message — whatever the
 * pieces the text is fed in. The first byte picks the delimiter (comma, semicolon, tab) and the
 * size of the pieces; the rest is the text, as UTF-8 (fed as characters and as bytes; bytes that
 * are not UTF-8 must be refused). The seed corpus in
 * {@code CsvTokenizerFuzzTestInputs/} (quotes doubled and left open, line ends of every kind,
 * empty lines, ragged rows, a character after a closing quote) replays in every test run;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class CsvTokenizerFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void text(byte[] input) {
        if (input.length == 0) {
            return;
        }
        char delimiter = ",;\t".charAt((input[0] & 0xFF) % 3);
        int piece = 1 + (input[0] & 0xFF) / 3;
        CsvTokenizerTest.agrees(new String(input, 1, input.length - 1, StandardCharsets.UTF_8), delimiter, piece);
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
        if (CsvTokenizerTest.strictlyDecoded(bytes) == null) { // else agrees() read these very bytes
            assertThatThrownBy(() -> CsvTokenizerTest.readBytes(bytes, delimiter, piece))
                    .isInstanceOf(DatasetException.class);
        }
    }
}
