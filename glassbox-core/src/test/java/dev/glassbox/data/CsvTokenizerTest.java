package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    /** The rows of {@code text}, the header first, read whole and a character at a time (which must agree). */
    private static List<List<String>> rows(String text, char delimiter) {
        List<List<String>> whole = cells(read(text, delimiter, Integer.MAX_VALUE));
        assertThat(cells(read(text, delimiter, 1))).isEqualTo(whole);
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

    private static String message(String text, char delimiter, int piece) {
        try {
            read(text, delimiter, piece);
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
        for (Table actual : List.of(read(text, delimiter, Integer.MAX_VALUE), read(text, delimiter, piece))) {
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
