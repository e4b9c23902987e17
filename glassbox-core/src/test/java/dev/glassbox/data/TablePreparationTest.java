package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.Options;
import dev.glassbox.data.TablePreparation.Task;
import dev.glassbox.io.TableJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables into numbers: known answers, and each refusal naming its row and column. */
class TablePreparationTest {
    /** Rows of comma-separated cells, the first the header (no quoting needed here). */
    static Table table(String... lines) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rows.add(Arrays.asList(lines[i].split(",", -1)));
        }
        return Table.of("t.csv", Arrays.asList(lines[0].split(",", -1)), rows);
    }

    private static final Table FLOWERS = table(
            "length,colour,width,species",
            "1,red,10,a",
            "2,blue,20,b",
            "3,red,30,a",
            "6,green,40,c");

    @Test
    void standardisesNumbersOneHotEncodesTextAndNumbersTheClasses() {
        TablePreparation p = TablePreparation.fit(FLOWERS, Options.defaults());
        // length: mean 3, population sd sqrt((4 + 1 + 0 + 9) / 4) = sqrt(3.5); width: mean 25, sd sqrt(125)
        assertThat(p.inputSize()).isEqualTo(1 + 3 + 1);
        assertThat(p.outputSize()).isEqualTo(3);
        assertThat(p.classNames()).containsExactly("a", "b", "c");
        assertThat(p.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(p.taskInferred()).isTrue();
        TablePreparation.Prepared x = p.apply(FLOWERS, true);
        double sdLength = Math.sqrt(3.5);
        double sdWidth = Math.sqrt(125);
        // colour values sorted: blue, green, red
        assertThat(x.x()).containsExactly(new float[] {
            (float) (-2 / sdLength), 0, 0, 1, (float) (-15 / sdWidth),
            (float) (-1 / sdLength), 1, 0, 0, (float) (-5 / sdWidth),
            0, 0, 0, 1, (float) (5 / sdWidth),
            (float) (3 / sdLength), 0, 1, 0, (float) (15 / sdWidth)}, offset(1e-6f));
        assertThat(x.classes()).containsExactly(0, 1, 0, 2);
        assertThat(x.targets()).isNull();
    }

    @Test
    void aTextValueNeverSeenIsAllZerosAndAnUnknownClassIsRefused() {
        TablePreparation p = TablePreparation.fit(FLOWERS, Options.defaults());
        TablePreparation.Prepared x = p.apply(table("species,width,colour,length", "a,25,purple,3"), true);
        assertThat(x.x()).containsExactly(0f, 0f, 0f, 0f, 0f);
        assertThatThrownBy(() -> p.apply(table("length,colour,width,species", "1,red,10,z"), true))
                .hasMessage("t.csv: row 1, column 'species': the class 'z' is not one of the training data's: a, b, c");
        assertThat(p.apply(table("length,colour,width", "1,red,10"), false).classes()).isNull();
    }

    @Test
    void aNumberLabelWithManyValuesIsRegressionStandardisedAndBack() {
        List<String> lines = new ArrayList<>(List.of("x,y"));
        for (int i = 0; i < 30; i++) {
            lines.add(i + "," + (2 * i + 1));
        }
        Table t = table(lines.toArray(String[]::new));
        TablePreparation p = TablePreparation.fit(t, Options.defaults());
        assertThat(p.task()).isEqualTo(Task.REGRESSION);
        assertThat(p.outputSize()).isEqualTo(1);
        TablePreparation.Prepared x = p.apply(t, true);
        assertThat(p.target(x.targets()[7])).isCloseTo(15, offset(1e-5));
        assertThat(TablePreparation.fit(t, new Options(null, List.of(), List.of(), Missing.REFUSE,
                Task.CLASSIFICATION)).outputSize()).isEqualTo(30);
    }

    @Test
    void numberClassesSortAsNumbers() {
        TablePreparation p = TablePreparation.fit(table("a,k", "1,10", "2,9", "3,10", "4,2"), Options.defaults());
        assertThat(p.classNames()).containsExactly("2", "9", "10");
        assertThat(p.apply(table("a,k", "1,10.0"), true).classes()).containsExactly(2);
    }

    @Test
    void choosesColumnsByLabelFeaturesAndDrop() {
        Options species = new Options("species", List.of("width", "length"), List.of(), Missing.REFUSE, null);
        TablePreparation p = TablePreparation.fit(FLOWERS, species);
        assertThat(p.features()).extracting(TablePreparation.Feature::name).containsExactly("width", "length");
        Options dropColour = new Options("species", List.of(), List.of("colour"), Missing.REFUSE, null);
        assertThat(TablePreparation.fit(FLOWERS, dropColour).inputSize()).isEqualTo(2);
        assertThatThrownBy(() -> TablePreparation.fit(FLOWERS, new Options("kind", List.of(), List.of(),
                Missing.REFUSE, null))).hasMessage("t.csv: no column named 'kind'; the columns are length, colour,"
                        + " width, species");
        assertThatThrownBy(() -> TablePreparation.fit(FLOWERS, new Options(null, List.of("species"), List.of(),
                Missing.REFUSE, null))).hasMessage("t.csv: 'species' is the label; it cannot also be a feature");
        assertThatThrownBy(() -> TablePreparation.fit(FLOWERS, new Options(null, List.of(), List.of("species"),
                Missing.REFUSE, null))).hasMessageContaining("--drop names the label column 'species'");
    }

    @Test
    void refusesWhatCannotBePrepared() {
        assertThatThrownBy(() -> TablePreparation.fit(table("a,b,y", "1,x,p", "2,y,q", "abc,x,p"), Options.defaults()))
                .hasMessage("t.csv: row 3, column 'a': expected a number like the rows above, got 'abc'");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,b,y", "1,x,p", "1,y,q"), Options.defaults()))
                .hasMessage("t.csv: column 'a' holds one value (1.0) in every row; it cannot help: --drop a");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,b,y", "1,,p", "2,z,q", "3,w,p"), Options.defaults()))
                .hasMessageStartingWith("t.csv: row 1, column 'b' is empty;");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,y", "1,p", "2,p"), Options.defaults()))
                .hasMessage("t.csv: the label column 'y' has one class ('p'); a classifier needs at least two");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,y", "1,p", "2,"), Options.defaults()))
                .hasMessage("t.csv: row 2: the label column 'y' is empty; fill it, or pass --missing drop to leave such"
                        + " rows out");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,y", "NaN,p", "Infinity,q"), Options.defaults()))
                .hasMessageContaining("column 'a'");
        assertThatThrownBy(() -> TablePreparation.fit(table("a,y", "9e300,p", "-9e300,q", "1e300,p"), Options.defaults()))
                .hasMessageContaining("column 'a' holds numbers too large to standardise");
        TablePreparation small = TablePreparation.fit(table("a,y", "1,p", "2,q"), Options.defaults());
        assertThatThrownBy(() -> small.apply(table("a,y", "1e300,p"), true))
                .hasMessage("t.csv: row 1, column 'a': 1e300 is too far from the training data's values to use");
        assertThatThrownBy(() -> table("a,b", "1,2", "3")).hasMessage("t.csv: row 2 has 1 cells, expected 2 (one per"
                + " column of the header)");
        assertThatThrownBy(() -> table("a,a", "1,2")).hasMessage("t.csv: two columns are named 'a'; rename one");
        List<String> ids = new ArrayList<>(List.of("id,y"));
        for (int i = 0; i < 1002; i++) {
            ids.add("id" + i + "," + (i % 2));
        }
        assertThatThrownBy(() -> TablePreparation.fit(table(ids.toArray(String[]::new)), Options.defaults()))
                .hasMessageContaining("text column 'id' has more than 1000 values (an id?)");
    }

    @Test
    void missingCellsTakeTheMeanOrDropTheirRowWhenAsked() {
        Table t = table("a,b,y", "1,x,p", ",y,q", "3,,p", "5,y,q");
        TablePreparation mean = TablePreparation.fit(t, new Options(null, List.of(), List.of(), Missing.MEAN, null));
        TablePreparation.Prepared m = mean.apply(t, true);
        assertThat(m.rows()).isEqualTo(4);
        assertThat(m.x()[3]).as("row 2's a: the mean, 0 once standardised").isZero();
        assertThat(new float[] {m.x()[7], m.x()[8]}).as("row 3's b: no category").containsExactly(0f, 0f);
        TablePreparation drop = TablePreparation.fit(t, new Options(null, List.of(), List.of(), Missing.DROP, null));
        TablePreparation.Prepared d = drop.apply(t, true);
        assertThat(d.sourceRows()).containsExactly(0, 3);
        assertThat(((TablePreparation.NumberFeature) drop.features().get(0)).mean()).isEqualTo(3.0);
    }

    @Test
    void theJsonInAModelFileGivesTheSamePreparation() {
        TablePreparation p = TablePreparation.fit(FLOWERS, Options.defaults());
        TablePreparation back = TableJson.read(TableJson.write(p));
        assertThat(back.apply(FLOWERS, true).x()).containsExactly(p.apply(FLOWERS, true).x());
        assertThat(back.classNames()).isEqualTo(p.classNames());
        assertThat(TableJson.write(back)).isEqualTo(TableJson.write(p));
        for (String hostile : List.of("", "[]", "{}", "{\"label\":\"y\",\"task\":\"x\"}",
                "{\"label\":\"y\",\"task\":\"regression\",\"missing\":\"refuse\",\"features\":[{\"name\":\"a\","
                        + "\"kind\":\"number\",\"mean\":0,\"sd\":0}],\"target_mean\":0,\"target_sd\":1}",
                "{\"label\":\"y\",\"task\":\"classification\",\"missing\":\"refuse\",\"features\":[{\"name\":\"a\","
                        + "\"kind\":\"text\",\"values\":[\"p\",\"p\"]}],\"classes\":[\"a\",\"b\"]}",
                "{\"label\":\"y\",\"task\":\"classification\",\"missing\":\"refuse\",\"features\":[],"
                        + "\"classes\":[\"a\",\"b\"]}")) {
            assertThatThrownBy(() -> TableJson.read(hostile)).as(hostile).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("glassbox.table: ");
        }
    }
}
