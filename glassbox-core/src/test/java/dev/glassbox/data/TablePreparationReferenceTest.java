package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.Options;
import dev.glassbox.data.TablePreparation.Prepared;
import dev.glassbox.data.TablePreparation.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The preparation of tables stored by column against the preparation of tables of Strings it
 * replaced ({@link ReferenceTablePreparation}): on seeded random tables — numbers written every
 * way, missing cells, text, mixed columns, labels of numbers and of text, every missing-cell rule
 * and task, selections — the same preparation (means and sds to the bit), the same arrays to the
 * bit, or the same message.
 */
class TablePreparationReferenceTest {
    private static final String[] WORDS = {"red", "blue", "green", " red", "Red", "1,5", "x y", "é", "Infinity",
        "1e999", "0x1A", "1f"};
    private static final String[] MISSING = {"", "NA", "na", "N/A", " NaN ", "null", "?", "  "};

    /**
     * One cell of a column of the given style: 0 numbers, 1 text, 2 mostly numbers, 3 few numbers
     * (labels), 4 text of more values than a dictionary holds; a clean cell is never missing, and a
     * clean number never huge.
     */
    private static String cell(SplittableRandom random, int style, boolean clean) {
        int roll = random.nextInt(100);
        if (roll < 4 && !clean) {
            return MISSING[random.nextInt(MISSING.length)];
        }
        if (style == 4) {
            return (roll < 50 ? " w" : "w") + random.nextInt(300);
        }
        if (style == 1 || (style == 2 && roll < 7)) {
            return WORDS[random.nextInt(style == 1 ? 5 : WORDS.length)];
        }
        if (style == 3) {
            return Integer.toString(random.nextInt(4)) + (roll < 10 ? ".0" : "");
        }
        String number = number(random);
        return clean && number.endsWith("e300") ? "1" : number;
    }

    /** A number written one of the ways a CSV file writes numbers. */
    static String number(SplittableRandom random) {
        double v = random.nextGaussian() * Math.pow(10, random.nextInt(-3, 6));
        return switch (random.nextInt(12)) {
            case 0 -> Long.toString(Math.round(v));
            case 1 -> String.format(Locale.ROOT, "%." + random.nextInt(1, 16) + "f", v);
            case 2 -> String.format(Locale.ROOT, "%.3e", v);
            case 3 -> Double.toString(v);
            case 4 -> " " + String.format(Locale.ROOT, "%.2f", v) + " ";
            case 5 -> "+" + random.nextInt(100);
            case 6 -> "." + random.nextInt(1000);
            case 7 -> random.nextInt(100) + ".";
            case 8 -> "-0" + (random.nextBoolean() ? "" : ".000");
            case 9 -> "00" + random.nextInt(10);
            case 10 -> random.nextBoolean() ? "9e300" : "-9e300";
            default -> String.format(Locale.ROOT, "%.1f", v);
        };
    }

    /** The same cells as a table of today and as a table of Strings. */
    record Tables(Table table, ReferenceTable reference) {}

    private static Tables table(SplittableRandom random, List<String> header, int[] styles, int rows, boolean clean) {
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int style : styles) {
                row.add(cell(random, style, clean));
            }
            cells.add(row);
        }
        return new Tables(Table.of("t.csv", header, cells), ReferenceTable.of("t.csv", header, cells));
    }

    @Test
    void randomTablesArePreparedAsBefore() {
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int round = 0; round < 4000; round++) {
            int columns = random.nextInt(1, 6);
            List<String> header = new ArrayList<>();
            int[] styles = new int[columns];
            for (int c = 0; c < columns; c++) {
                header.add("c" + c);
                styles[c] = random.nextInt(5);
            }
            int rows = random.nextInt(round % 50 == 0 ? 6000 : 40);
            boolean clean = random.nextBoolean();
            Tables train = table(random, header, styles, rows, clean);
            Tables test = table(random, header, styles, random.nextInt(20), clean);
            Missing missing = Missing.values()[random.nextInt(3)];
            Task task = random.nextInt(3) == 0 ? null : Task.values()[random.nextInt(2)];
            String label = random.nextBoolean() ? null : header.get(random.nextInt(columns));
            Options options = new Options(label, List.of(), List.of(), missing, task);
            compared += compare(train, test, options) ? 1 : 0;
            int[] chosen = random.ints(rows / 2, 0, Math.max(1, rows)).filter(i -> i < rows).toArray();
            Tables part = new Tables(train.table().select("part", chosen), train.reference().select("part", chosen));
            compare(part, train, options);
        }
        assertThat(compared).as("tables that were prepared, not refused").isGreaterThan(500);
    }

    /**
     * Learns on {@code train} and applies to both tables, with and without the label, both ways:
     * everything must agree. Returns whether the preparation was learned rather than refused.
     */
    static boolean compare(Tables train, Tables test, Options options) {
        for (int r = 0; r < train.table().rows(); r++) {
            for (int c = 0; c < train.table().columns(); c++) {
                assertThat(train.table().cell(r, c)).isEqualTo(train.reference().cell(r, c));
            }
        }
        TablePreparation p;
        ReferenceTablePreparation reference;
        try {
            reference = ReferenceTablePreparation.fit(train.reference(), options);
        } catch (DatasetException e) {
            String expected = e.getMessage();
            assertThat(message(() -> TablePreparation.fit(train.table(), options))).isEqualTo(expected);
            return false;
        }
        p = TablePreparation.fit(train.table(), options);
        assertThat(p.features()).isEqualTo(reference.features());
        assertThat(p.classNames()).isEqualTo(reference.classNames());
        assertThat(p.task()).isEqualTo(reference.task());
        assertThat(p.taskInferred()).isEqualTo(reference.taskInferred());
        assertThat(Double.doubleToRawLongBits(p.targetMean())).isEqualTo(Double.doubleToRawLongBits(reference.targetMean()));
        assertThat(Double.doubleToRawLongBits(p.targetSd())).isEqualTo(Double.doubleToRawLongBits(reference.targetSd()));
        for (Tables t : List.of(train, test)) {
            for (boolean withLabel : new boolean[] {true, false}) {
                Prepared expected;
                try {
                    expected = reference.apply(t.reference(), withLabel);
                } catch (DatasetException | NumberFormatException e) {
                    // NumberFormatException: the old lookup of a number label among text classes threw it
                    String refused = message(() -> p.apply(t.table(), withLabel));
                    if (e instanceof DatasetException) {
                        assertThat(refused).isEqualTo(e.getMessage());
                    } else {
                        assertThat(refused).contains("is not one of the training data's");
                    }
                    continue;
                }
                Prepared actual = p.apply(t.table(), withLabel);
                assertThat(actual.x()).isEqualTo(expected.x());
                assertThat(actual.inputs()).isEqualTo(expected.inputs());
                assertThat(actual.classes()).isEqualTo(expected.classes());
                assertThat(actual.targets()).isEqualTo(expected.targets());
                assertThat(actual.sourceRows()).isEqualTo(expected.sourceRows());
            }
        }
        return true;
    }

    private static String message(Supplier<?> work) {
        try {
            work.get();
        } catch (DatasetException e) {
            return e.getMessage();
        }
        return "(no error)";
    }
}
