package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.Options;
import dev.glassbox.io.TableJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The table preparation on arbitrary text, read as lines of comma-separated cells (the first the
 * header), with each missing-cell rule: inputs of the size it promised and finite values, whose
 * JSON reads back to the same preparation — or a {@link DatasetException} with a message, nothing
 * else — and the same preparation, bit for bit, or the same message, as the preparation of tables
 * of Strings it replaced ({@link ReferenceTablePreparation}). The text is also given to the
 * model-file reader of preparations. The seed corpus in {@code TablePreparationFuzzTestInputs/}
 * (tables of numbers and text, missing cells, ragged rows, preparations as JSON) replays in every
 * test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TablePreparationFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void tables(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            TableJson.read(text);
        } catch (DatasetException expected) {
            // refused with a message
        }
        String[] lines = text.split("\n", -1);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rows.add(Arrays.asList(lines[i].split(",", -1)));
        }
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        Table table;
        try {
            table = Table.of("fuzz.csv", header, rows);
        } catch (DatasetException expected) {
            assertThatThrownBy(() -> ReferenceTable.of("fuzz.csv", header, rows)).hasMessage(expected.getMessage());
            return;
        }
        TablePreparationReferenceTest.Tables both = new TablePreparationReferenceTest.Tables(table,
                ReferenceTable.of("fuzz.csv", header, rows));
        for (Missing missing : Missing.values()) {
            TablePreparationReferenceTest.compare(both, both, new Options(null, List.of(), List.of(), missing, null));
            try {
                TablePreparation p = TablePreparation.fit(table, new Options(null, List.of(), List.of(), missing, null));
                TablePreparation.Prepared x = p.apply(table, true);
                assertThat(x.x()).hasSize(x.rows() * p.inputSize());
                for (float v : x.x()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
                assertThat(TableJson.write(TableJson.read(TableJson.write(p)))).isEqualTo(TableJson.write(p));
            } catch (DatasetException expected) {
                // refused with a message
            }
        }
    }
}
