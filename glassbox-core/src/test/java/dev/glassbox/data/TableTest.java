package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The table stored by column: each cell classified once (missing, number, text), numbers parsed
 * once to {@link Double#parseDouble}'s bits, every cell given back as written — in both layouts,
 * a dictionary of few distinct cells and plain cells past {@link TableColumn#MAX_DICTIONARY}, text
 * shared between cells and past {@link TableColumn#MAX_SHARED} not.
 */
class TableTest {
    private static Table column(String... cells) {
        List<List<String>> rows = new ArrayList<>();
        for (String cell : cells) {
            rows.add(Arrays.asList(cell));
        }
        return Table.of("t.csv", List.of("a"), rows);
    }

    /** The same cells, in a column with more distinct cells than a dictionary holds (so: plain). */
    private static Table plainColumn(String... cells) {
        List<String> all = new ArrayList<>(Arrays.asList(cells));
        for (int i = 0; i <= TableColumn.MAX_DICTIONARY; i++) {
            all.add("9" + i + ".5");
        }
        return column(all.toArray(String[]::new));
    }

    private static final String[] NUMBERS = {"1", "-2", "1.50", "0.05", "-0.5", "0", "-0", "-0.000", "+3", ".5", "5.",
        "007", " 8 ", "1e3", "2.5E-3", "123456789012345", "1234567890123456", "0.000000000000001",
        "0.0000000000000001", "99999999999999.9", "3.141592653589793"};

    @Test
    void numbersAreParsedOnceToParseDoublesBitsAndGivenBackAsWritten() {
        for (Table t : List.of(column(NUMBERS), plainColumn(NUMBERS))) {
            for (int r = 0; r < NUMBERS.length; r++) {
                String cell = NUMBERS[r];
                assertThat(t.cell(r, 0)).as(cell).isEqualTo(cell);
                assertThat(t.isNumber(r, 0)).as(cell).isTrue();
                assertThat(Double.doubleToRawLongBits(t.number(r, 0))).as(cell)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell.strip())));
                assertThat(t.text(r, 0)).isEqualTo(cell.strip());
            }
        }
        // 1.50 and 1.5 are the same number, two texts: two classes, as they were
        Table t = plainColumn("1.50", "1.5");
        assertThat(t.number(0, 0)).isEqualTo(t.number(1, 0));
        assertThat(t.cell(0, 0)).isEqualTo("1.50");
        assertThat(t.cell(1, 0)).isEqualTo("1.5");
    }

    @Test
    void numbersWrittenPlainlyAreParsedAndWrittenBackExactlyWithAnyCountOfDecimals() {
        // The plain path parses these itself (units / 10^decimals) and keeps no text: it must agree
        // with Double.parseDouble and give the text back, up to 15 digits and 15 decimals.
        SplittableRandom random = new SplittableRandom(7);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            int decimals = random.nextInt(16);
            long units = random.nextLong((long) Math.pow(10, random.nextInt(1, 16)));
            String digits = String.format(Locale.ROOT, "%0" + (decimals + 1) + "d", units);
            String point = decimals == 0 ? digits
                    : digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
            cells.add(units != 0 && random.nextBoolean() ? "-" + point : point);
        }
        Table t = column(cells.toArray(String[]::new));
        for (int r = 0; r < cells.size(); r++) {
            String cell = cells.get(r);
            assertThat(t.cell(r, 0)).isEqualTo(cell);
            assertThat(Double.doubleToRawLongBits(t.number(r, 0))).as(cell)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
        }
    }

    @Test
    void missingCellsAndTextAreKnownAndKeptAsWritten() {
        String[] missing = {"", "NA", "na", " N/A ", "NaN", "nan", "null", "NULL", "?", "   "};
        String[] text = {"red", " red", "Red", "1e999", "NaNa", "1,5", "0x10", "Infinity", "1f", "--1", "1.2.3", "é"};
        for (Table t : List.of(column(missing), plainColumn(missing))) {
            for (int r = 0; r < missing.length; r++) {
                assertThat(t.isMissing(r, 0)).as("'" + missing[r] + "'").isTrue();
                assertThat(t.cell(r, 0)).isEqualTo(missing[r]);
            }
        }
        for (Table t : List.of(column(text), plainColumn(text))) {
            for (int r = 0; r < text.length; r++) {
                assertThat(t.kind(r, 0)).as(text[r]).isEqualTo(TableColumn.TEXT);
                assertThat(t.cell(r, 0)).isEqualTo(text[r]);
                assertThat(t.text(r, 0)).isEqualTo(text[r].strip());
            }
        }
        assertThat(column("x", (String) null).cell(1, 0)).isEmpty();
    }

    @Test
    void equalCellsOfAColumnWithFewValuesShareOneString() {
        char[] red = "red,red".toCharArray();
        Table.Builder builder = Table.builder("t.csv", List.of("colour"));
        builder.cell(red, 0, 3).endRow().cell(red, 4, 7).endRow();
        Table t = builder.build();
        assertThat(t.cell(0, 0)).isSameAs(t.cell(1, 0)).isEqualTo("red");
        assertThat(t.text(0, 0)).isSameAs(t.text(1, 0));
    }

    @Test
    void aTextCellInANumberColumnIsStillAnErrorNamingItsRowAndColumn() {
        Table t = Table.of("t.csv", List.of("a", "y"), List.of(List.of("1", "p"), List.of("2.5", "q"),
                List.of(" six ", "p")));
        assertThatThrownBy(() -> TablePreparation.fit(t, TablePreparation.Options.defaults()))
                .hasMessage("t.csv: row 3, column 'a': expected a number like the rows above, got 'six'");
    }

    @Test
    void aColumnPastTheDictionaryKeepsEveryCell() {
        SplittableRandom random = new SplittableRandom(3);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 3 * TableColumn.MAX_DICTIONARY; r++) {
            String cell = switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "NA";
                case 2 -> "word" + random.nextInt(5);
                case 3 -> String.format(Locale.ROOT, "%.3f", random.nextDouble(-1000, 1000));
                case 4 -> Long.toString(random.nextLong());
                default -> random.nextInt(3) + "e" + random.nextInt(3);
            };
            rows.add(List.of(cell, "x" + r % 7));
        }
        Table t = Table.of("t.csv", List.of("v", "k"), rows);
        ReferenceTable old = ReferenceTable.of("t.csv", List.of("v", "k"), rows);
        for (int r = 0; r < rows.size(); r++) {
            assertThat(t.cell(r, 0)).isEqualTo(old.cell(r, 0));
            assertThat(t.cell(r, 1)).isEqualTo(old.cell(r, 1));
        }
    }

    @Test
    void aPlainColumnReadsNaNForEveryCellThatIsNotANumber() {
        // Runs of text, blanks and numbers across the growing first block and whole blocks after it.
        SplittableRandom random = new SplittableRandom(8);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 10_000; r++) {
            int run = (r / 37) % 3; // numbers, text or blanks for 37 rows at a time
            String cell = run == 0 || r < 300 ? String.format(Locale.ROOT, "%.2f", random.nextDouble(-50, 50))
                    : run == 1 ? "w" + random.nextInt(3) : "";
            rows.add(List.of(cell));
        }
        Table t = Table.of("t.csv", List.of("v"), rows);
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.get(r).get(0);
            double expected = TableColumn.numberOrNaN(cell.strip());
            assertThat(Double.doubleToRawLongBits(t.number(r, 0))).as("row %d: '%s'", r, cell)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(t.cell(r, 0)).isEqualTo(cell);
        }
    }

    @Test
    void textPastTheSharedOnesIsKeptCellByCell() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < TableColumn.MAX_SHARED + 1000; r++) {
            rows.add(List.of("id" + r, r % 3 == 0 ? "NA" : Integer.toString(r)));
        }
        Table t = Table.of("t.csv", List.of("id", "n"), rows);
        for (int r = 0; r < rows.size(); r += 97) {
            assertThat(t.cell(r, 0)).isEqualTo("id" + r);
            assertThat(t.isMissing(r, 1)).isEqualTo(r % 3 == 0);
        }
        assertThat(t.cell(rows.size() - 1, 0)).isEqualTo("id" + (rows.size() - 1));
    }

    @Test
    @Timeout(5) // 0.2 s; 27 s when the probes were not bounded
    void textsMadeToShareAHashAreStillReadInLinearTime() {
        // "Aa" and "BB" have the same String hash, so do all 2^16 strings of 16 of them: a hostile
        // column whose lookups would each walk one long chain if the probes were not bounded.
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 1 << 16; i++) {
            StringBuilder cell = new StringBuilder();
            for (int bit = 0; bit < 16; bit++) {
                cell.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            rows.add(List.of(cell.toString()));
            rows.add(List.of(cell.toString()));
        }
        Table t = Table.of("t.csv", List.of("a"), rows);
        for (int r = 0; r < rows.size(); r += 101) {
            assertThat(t.cell(r, 0)).isEqualTo(rows.get(r).get(0));
        }
    }

    @Test
    void theBuilderTakesCharactersAndRefusesWhatOfRefuses() {
        char[] text = "12.5;abc".toCharArray();
        Table t = Table.builder("t.csv", List.of(" x ", "y")).cell(text, 0, 4).cell(text, 5, 8).endRow().build();
        assertThat(t.header()).containsExactly("x", "y");
        assertThat(t.number(0, 0)).isEqualTo(12.5);
        assertThat(t.cell(0, 1)).isEqualTo("abc");
        Table.Builder ragged = Table.builder("t.csv", List.of("x", "y")).cell("1").cell("2").endRow().cell("3");
        assertThatThrownBy(ragged::endRow)
                .hasMessage("t.csv: row 2 has 1 cells, expected 2 (one per column of the header)");
        assertThatThrownBy(() -> Table.builder("t.csv", List.of("x", "y")).cell("1").cell("2").cell("3").endRow())
                .hasMessage("t.csv: row 1 has 3 cells, expected 2 (one per column of the header)");
        assertThatThrownBy(() -> Table.builder("t.csv", List.of("x", " ")))
                .hasMessage("t.csv: column 2 has no name in the header row");
        assertThatThrownBy(() -> Table.builder("t.csv", List.of()))
                .hasMessageStartingWith("t.csv: the header row is empty");
        assertThatThrownBy(() -> Table.builder("t.csv", List.of("x")).cell("1").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSelectionSharesTheCellsAndNumbersItsRowsAnew() {
        Table t = column("10", "11", "12", "13");
        Table picked = t.select("picked", new int[] {3, 1});
        Table again = picked.select("again", new int[] {1});
        assertThat(picked.rows()).isEqualTo(2);
        assertThat(picked.cell(0, 0)).isEqualTo("13");
        assertThat(again.number(0, 0)).isEqualTo(11);
        assertThatThrownBy(() -> t.select("bad", new int[] {4})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> picked.cell(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(column("b", " a", "b", "a ").groups(0)).containsExactly(0, 1, 0, 1);
    }

    @Test
    void groupsAreByStrippedTextInEitherLayout() {
        String[] cells = {"b", " a", "b", "a ", "1", "1.0", " 1", "", "NA"};
        int[] expected = {0, 1, 0, 1, 2, 3, 2, 4, 5};
        assertThat(column(cells).groups(0)).containsExactly(expected);
        assertThat(Arrays.copyOf(plainColumn(cells).groups(0), cells.length)).containsExactly(expected);
        // A selection numbers its own rows' groups by first appearance among them.
        assertThat(column(cells).select("s", new int[] {4, 0, 6, 2}).groups(0)).containsExactly(0, 1, 0, 1);
        assertThat(column(cells).code(0, 0)).isEqualTo(column(cells).code(2, 0)).isNotEqualTo(column(cells).code(1, 0));
        assertThat(plainColumn(cells).code(0, 0)).isEqualTo(-1);
    }

    @Test
    void theWidestTableKeepsItsCells() {
        // Every column's first block starts small: 100,000 columns of 2 rows take tens of MB, not 400.
        List<String> header = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int c = 0; c < Table.MAX_COLUMNS; c++) {
            header.add("c" + c);
            first.add(Integer.toString(c));
            second.add(c % 2 == 0 ? "x" + c : "");
        }
        Table t = Table.of("t.csv", header, List.of(first, second));
        assertThat(t.cell(0, 99_999)).isEqualTo("99999");
        assertThat(t.cell(1, 99_998)).isEqualTo("x99998");
        assertThat(t.isMissing(1, 99_999)).isTrue();
    }

    @Test
    void anEmptyTableHasItsHeaderAndNoRows() {
        Table t = Table.of("t.csv", List.of("a", "b"), List.of());
        assertThat(t.rows()).isZero();
        assertThat(t.columns()).isEqualTo(2);
        assertThat(t.select("none", new int[0]).rows()).isZero();
    }
}
