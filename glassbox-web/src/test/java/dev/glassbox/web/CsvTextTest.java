package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Table;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A CSV file's bytes as the page's engine reads them, on the JVM: the same rules as the CLI's reader. */
class CsvTextTest {
    private static Table read(byte[] bytes) {
        return CsvText.table(bytes, "t.csv");
    }

    @Test
    void readsUtf8WithOrWithoutAByteOrderMark() {
        byte[] plain = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[plain.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, marked, 3, plain.length);
        for (byte[] bytes : new byte[][] {plain, marked}) {
            Table table = read(bytes);
            assertThat(table.header()).containsExactly("a", "b");
            assertThat(table.cell(0, 1)).isEqualTo("caf\u00e9");
        }
    }

    @Test
    void semicolonsAndTabsWhenTheHeaderHasNoComma() {
        assertThat(read("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8)).cell(0, 1)).isEqualTo("2");
        assertThat(read("a\tb\r\n1\t2\r\n".getBytes(StandardCharsets.UTF_8)).cell(0, 1)).isEqualTo("2");
        assertThat(read("a,b;c\n1,2;3\n".getBytes(StandardCharsets.UTF_8)).cell(0, 1)).isEqualTo("2;3");
    }

    @Test
    void textThatIsNotUtf8IsRefusedButAReplacementCharacterOfItsOwnIsKept() {
        assertThatThrownBy(() -> read("a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(DatasetException.class).hasMessage("t.csv: not UTF-8 text; save the CSV as UTF-8");
        assertThat(read("a,b\n1,\uFFFD\n".getBytes(StandardCharsets.UTF_8)).cell(0, 1)).isEqualTo("\uFFFD");
    }

    @Test
    void raggedRowsAndEmptyFilesAreTheTokenizersOneLineErrors() {
        assertThatThrownBy(() -> read("a,b\n1\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("t.csv").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(DatasetException.class)
                .hasMessageContaining("empty");
    }
}
