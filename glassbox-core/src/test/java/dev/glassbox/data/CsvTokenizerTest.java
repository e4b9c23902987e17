package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The CSV tokenizer: known answers for RFC 4180's corners and each refusal's message, whatever
 * the pieces the text comes in — and the same table or the same message as Apache Commons CSV
 * read the way the CLI used to ({@link ReferenceCsv}) on seeded random texts made of the
 * characters that matter.
 */
class CsvTokenizerTest {
    /** The table of {@code text}, fed in pieces of {@code piece} characters. */
    static Table read(String text, char delimiter, int piece) {
        CsvTokenizer csv = new CsvTokenizer("t.csv", delimiter);
        char[] chars = text.toCharArray();
        for (int from = 0; from < chars.length; from += piece) {
            csv.feed(chars, from, Math.min(chars.length, from + piece));
        }
        return csv.finish();
    }

    /** The table of {@code text} as UTF-8 bytes, fed in pieces of {@code piece} bytes (which split characters). */
    static Table readUtf8(String text, char delimiter, int piece) {
        return readBytes(text.getBytes(StandardCharsets.UTF_8), delimiter, piece);
    }

    static Table readBytes(byte[] bytes, char delimiter, int piece) {
        CsvTokenizer csv = new CsvTokenizer("t.csv", delimiter);
        for (int from = 0; from < bytes.length; from += piece) {
            csv.feed(bytes, from, (int) Math.min(bytes.length, (long) from + piece));
        }
        return csv.finish();
    }

    /**
     * The rows of {@code text}, the header first, read whole and a character at a time, and as
     * UTF-8 whole and a byte at a time (which must all agree).
     */
    private static List<List<String>> rows(String text, char delimiter) {
        List<List<String>> whole = cells(read(text, delimiter, Integer.MAX_VALUE));
        assertThat(cells(read(text, delimiter, 1))).isEqualTo(whole);
        assertThat(cells(readUtf8(text, delimiter, Integer.MAX_VALUE))).isEqualTo(whole);
        assertThat(cells(readUtf8(text, delimiter, 1))).isEqualTo(whole);
        return whole;
    }

    private static List<List<String>> cells(Table table) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(table.header());
        for (int r = 0; r < table.rows(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < table.columns(); c++) {
                row.add(table.cell(r, c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The message for {@code text} in pieces of {@code piece}, which must be the same fed as UTF-8 bytes. */
    private static String message(String text, char delimiter, int piece) {
        String chars = message(() -> read(text, delimiter, piece));
        assertThat(message(() -> readUtf8(text, delimiter, piece))).as(text).isEqualTo(chars);
        return chars;
    }

    private static String message(Supplier<Table> read) {
        try {
            read.get();
        } catch (DatasetException e) {
            return e.getMessage();
        }
        return "(no error)";
    }

    /** The message for {@code text}, which must be the same in any pieces and the same as the reference's. */
    private static String refusal(String text) {
        String whole = message(text, ',', Integer.MAX_VALUE);
        assertThat(message(text, ',', 1)).isEqualTo(whole);
        assertThat(message(text, ',', 3)).isEqualTo(whole);
        assertThatThrownBy(() -> ReferenceCsv.read("t.csv", text, ',')).hasMessage(whole);
        return whole;
    }

    @Test
    void readsCellsQuotesAndLineEnds() {
        assertThat(rows("a,b\n1,2\n", ',')).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(rows("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n", ',')).containsExactly(List.of("a", "b"),
                List.of("x,y", "he said \"hi\""));
        assertThat(rows("a,b\r\n\"l1\r\nl2\n\",2\r\n", ',')).containsExactly(List.of("a", "b"),
                List.of("l1\r\nl2\n", "2"));
        assertThat(rows("a,b\r1,2\r3,4", ',')).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(rows("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n", ',')).containsExactly(List.of("a", "b"), List.of("1", "2"),
                List.of("3", "4"));
        assertThat(rows("a,b\n1,\n2,", ',')).containsExactly(List.of("a", "b"), List.of("1", ""), List.of("2", ""));
        assertThat(rows("a,b\n\"x\"  ,\"\"\n", ',')).containsExactly(List.of("a", "b"), List.of("x", ""));
        assertThat(rows("a,b\nx\"y, \"z\"\n", ',')).containsExactly(List.of("a", "b"), List.of("x\"y", " \"z\""));
        assertThat(rows("a;b\n1,5;2\n", ';')).containsExactly(List.of("a", "b"), List.of("1,5", "2"));
    }

    @Test
    void aTabDelimiterIsADelimiterEvenAfterAClosingQuote() {
        Table t = read("a\tb\tc\n\"1\"\t\t3\n", '\t', 1);
        assertThat(cells(t).get(1)).containsExactly("1", "", "3");
    }

    @Test
    void refusesBrokenTextWithTheMessagesCommonsCsvGave() {
        assertThat(refusal("a,b\n1,\"open\n3,4\n"))
                .isEqualTo("t.csv: not valid CSV ((startline 2) EOF reached before encapsulated token finished)");
        assertThat(refusal("a,b\n\n\"x\"y,2\n")).isEqualTo("t.csv: not valid CSV (Invalid character between"
                + " encapsulated token and delimiter at line: 3, position: 9)");
        assertThat(refusal("a,b\r\n\"x\r\ny\" z,2\n")).isEqualTo("t.csv: not valid CSV (Invalid character between"
                + " encapsulated token and delimiter at line: 3, position: 13)");
        assertThat(refusal("a,b,c\n\n1,2,3\n4,5\n")).isEqualTo("t.csv: line 3 has 2 cells, expected 3 (one per"
                + " column of the header)");
        assertThat(refusal("")).isEqualTo("t.csv: the file is empty; expected a header row and rows of data");
        assertThat(refusal("\r\n\n")).isEqualTo("t.csv: the file is empty; expected a header row and rows of data");
        assertThat(refusal("a,b\n")).isEqualTo("t.csv: the header row has no rows of data under it");
        assertThat(refusal("a,a\n1,2\n")).isEqualTo("t.csv: two columns are named 'a'; rename one");
        assertThat(refusal(",".repeat(Table.MAX_COLUMNS) + "\n1\n"))
                .isEqualTo("t.csv: 100001 columns, more than the 100000 a table may have");
    }

    @Test
    void readsUtf8SplitAnywhereAndCountsPositionsInCharacters() {
        assertThat(rows("a,b\ncaf\u00e9,\u20ac5\n\"\ud83d\ude00\",\"x\u00e9\"\"y\"\n", ','))
                .containsExactly(List.of("a", "b"), List.of("caf\u00e9", "\u20ac5"), List.of("\ud83d\ude00", "x\u00e9\"y"));
        assertThat(rows("\u00e9,b\n\"1\"\u2003,2\n", ',')).containsExactly(List.of("\u00e9", "b"), List.of("1", "2"));
        // Each character before the bad one counts once, whatever its bytes: the reference counts chars.
        assertThat(refusal("\u00e9,\ud83d\ude00\n\"\u20ac\"\u2003y,2\n")).isEqualTo("t.csv: not valid CSV (Invalid"
                + " character between encapsulated token and delimiter at line: 2, position: 10)");
    }

    @Test
    void refusesBytesThatAreNotUtf8WhereverTheyStand() {
        String[] bad = {"caf\u00e9", "\u00c0\u0080", "\u00e0\u0080\u0080", "\u00ed\u00a0\u0080", "\u00f4\u0090\u0080\u0080",
            "\u00f5", "\u0080", "\u00e2\u0082", "\u00f0\u009f\u0098"};
        for (String cell : bad) {
            byte[] cellBytes = cell.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(strictlyDecoded(cellBytes)).as(cell).isNull();
            for (String table : List.of("a,b\n1,%s\n", "a,b\n1,%s", "a,b\n1,\"%s\"\n", "a,b\n1,\"x\"%s\n", "a,%s\n1,2\n",
                    "a,b\n1,2,%s\n", "a,b\n1,\"%s", "a,a\n1,%s\n")) {
                byte[] bytes = table.replace("%s", cell).getBytes(StandardCharsets.ISO_8859_1);
                for (int piece : new int[] {1, 2, 3, Integer.MAX_VALUE}) {
                    assertThat(message(() -> readBytes(bytes, ',', piece))).as(table + " with " + cell)
                            .isEqualTo("t.csv: not UTF-8 text; save the CSV as UTF-8");
                }
            }
        }
    }

    @Test
    void agreesWithAStrictDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(9);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "7".getBytes(StandardCharsets.UTF_8),
            "\u00e9".getBytes(StandardCharsets.UTF_8), "\u20ac".getBytes(StandardCharsets.UTF_8),
            "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3}, {(byte) 0xA9}, {(byte) 0xED}, {(byte) 0xF4},
            {(byte) 0x90}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}};
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            text.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8));
            for (int row = random.nextInt(4); row >= 0; row--) {
                for (int c = 0; c < 2; c++) {
                    for (int k = random.nextInt(4); k > 0; k--) {
                        text.writeBytes(pieces[random.nextInt(random.nextInt(50) == 0 ? pieces.length : 5)]);
                    }
                    text.write(c == 0 ? ',' : '\n');
                }
            }
            byte[] bytes = text.toByteArray();
            String decoded = strictlyDecoded(bytes);
            String expected = decoded == null ? "t.csv: not UTF-8 text; save the CSV as UTF-8"
                    : cells(read(decoded, ',', Integer.MAX_VALUE)).toString();
            refused += decoded == null ? 1 : 0;
            for (int piece : new int[] {1 + random.nextInt(5), Integer.MAX_VALUE}) {
                String actual = message(() -> readBytes(bytes, ',', piece));
                assertThat(actual.equals("(no error)") ? cells(readBytes(bytes, ',', piece)).toString() : actual)
                        .isEqualTo(expected);
            }
        }
        assertThat(refused).as("texts refused").isBetween(1000, 19_000);
    }

    /** The text, or null if a strict decoder refuses the bytes. */
    static String strictlyDecoded(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Test
    void charsComeBackAsTheyWereEvenLoneSurrogates() {
        Table t = read("a\n\ud800x\udc00\n\"\udfff\ud83d\"\n", ',', 1);
        assertThat(t.cell(0, 0)).isEqualTo("\ud800x\udc00");
        assertThat(t.cell(1, 0)).isEqualTo("\udfff\ud83d");
    }

    @Test
    void refusesBytesAndCharsFedToOneTokenizer() {
        CsvTokenizer csv = new CsvTokenizer("t.csv", ',');
        csv.feed(new byte[] {'a'}, 0, 1);
        assertThatThrownBy(() -> csv.feed(new char[] {'\n'}, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CsvTokenizer("t.csv", '\u00a7')).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHugeQuotedCellArrivingInSmallPiecesIsRead() {
        String big = "x\"\"".repeat(200_000);
        Table t = read("a\n\"" + big + "\"\n", ',', 1000);
        assertThat(t.cell(0, 0)).hasSize(400_000).startsWith("x\"x\"");
    }

    @Test
    void agreesWithCommonsCsvOnRandomText() {
        SplittableRandom random = new SplittableRandom(5);
        char[] alphabet = {'a', 'b', '1', '.', '-', ',', ';', '\t', '"', '"', '\n', '\r', ' ', 'é', '?'};
        int tables = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round % 100 == 0 ? 3000 : 60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            char delimiter = ",;\t".charAt(random.nextInt(3));
            tables += agrees(text.toString(), delimiter, 1 + random.nextInt(40)) ? 1 : 0;
        }
        assertThat(tables).as("texts that made tables, not refusals").isGreaterThan(1000);
    }

    /**
     * Whether {@code text} makes a table: both readers must make the same one (fed whole, and in
     * pieces of {@code piece}), or refuse with the same message.
     */
    static boolean agrees(String text, char delimiter, int piece) {
        ReferenceTable expected;
        try {
            expected = ReferenceCsv.read("t.csv", text, delimiter);
        } catch (DatasetException e) {
            assertThat(message(text, delimiter, Integer.MAX_VALUE)).as(text).isEqualTo(e.getMessage());
            assertThat(message(text, delimiter, piece)).as(text).isEqualTo(e.getMessage());
            return false;
        }
        for (Table actual : List.of(read(text, delimiter, Integer.MAX_VALUE), read(text, delimiter, piece),
                readUtf8(text, delimiter, Integer.MAX_VALUE), readUtf8(text, delimiter, piece))) {
            assertThat(actual.header()).as(text).isEqualTo(expected.header());
            assertThat(actual.rows()).as(text).isEqualTo(expected.rows());
            for (int r = 0; r < actual.rows(); r++) {
                for (int c = 0; c < actual.columns(); c++) {
                    assertThat(actual.cell(r, c)).as(text).isEqualTo(expected.cell(r, c));
                }
            }
        }
        return true;
    }
}
