package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table's split as training draws it (the task left to infer) and as a model's own preparation
 * draws it again ({@link TableData#optionsOf}) — for the lab and {@code explain}, whose test rows
 * must be the ones training never saw.
 */
class TableDataTest {
    /** {@code classes} classes named by text or by number, {@code perClass} rows each, in class order. */
    private static Table table(int classes, int perClass, boolean textLabels) {
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                rows.add(List.of(Integer.toString(c * perClass + i), textLabels ? "kind " + c : Integer.toString(c)));
            }
        }
        return Table.of("t.csv", List.of("x", "label"), rows);
    }

    private static List<String> testRows(Table all, TablePreparation.Options options) {
        Table test = TableData.split(all, options, TableData.TEST_FRACTION, 1)[1];
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < test.rows(); r++) {
            rows.add(test.cell(r, 0));
        }
        return rows;
    }

    @Test
    void aModelDrawsTheTestRowsItsTrainingDrew() {
        // Text labels of more than 20 classes are classes, stratified; numbers past 20 are a regression's, not.
        for (Table all : List.of(table(25, 5, true), table(25, 5, false), table(3, 10, true), table(3, 10, false))) {
            TablePreparation.Options inferred = TablePreparation.Options.defaults();
            Table train = TableData.split(all, inferred, TableData.TEST_FRACTION, 1)[0];
            TablePreparation preparation = TablePreparation.fit(train, inferred);
            assertThat(testRows(all, TableData.optionsOf(preparation))).as(all + ", " + preparation.task())
                    .isEqualTo(testRows(all, inferred));
        }
    }

    @Test
    void aLabelTooVariedForADictionaryIsJudgedAsAnyOther() {
        // 300 distinct numbers: a regression's label; 300 distinct texts: classes. Both columns are stored plain.
        for (boolean text : new boolean[] {true, false}) {
            Table all = table(300, 2, text);
            assertThat(all.code(0, 1)).isEqualTo(-1);
            assertThat(TableData.stratified(all, TablePreparation.Options.defaults())).isEqualTo(text);
            Table test = TableData.split(all, TablePreparation.Options.defaults(), 0.5, 1)[1];
            assertThat(test.rows()).isEqualTo(300);
            if (text) { // one of each class's two rows
                assertThat(java.util.Arrays.stream(test.groups(1)).distinct().count()).isEqualTo(300);
            }
        }
    }

    @Test
    void textClassesAreStratifiedHowEverManyThereAre() {
        Table all = table(25, 5, true);
        assertThat(TableData.stratified(all, TablePreparation.Options.defaults())).isTrue();
        assertThat(TableData.stratified(table(25, 5, false), TablePreparation.Options.defaults())).isFalse();
        List<String> test = testRows(all, TablePreparation.Options.defaults());
        // One of each class's five rows: stratified, a fifth of every class.
        for (int c = 0; c < 25; c++) {
            int kind = c;
            assertThat(test.stream().filter(x -> Integer.parseInt(x) / 5 == kind)).hasSize(1);
        }
    }
}
