package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken tables given to {@code train}: each ends with exit code 1 and one line naming the file
 * and the problem (row and column where there is one), and no model is written.
 */
class HostileTablesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> tables() {
        String wide = "c" + String.join(",c", java.util.stream.IntStream.range(0, 1_000_001).mapToObj(Integer::toString)
                .toList()) + "\n";
        return Stream.of(
                Arguments.of("ragged.csv", "a,b,label\n1,2,x\n3,y\n".getBytes(StandardCharsets.UTF_8),
                        "line 3 has 2 cells, expected 3"),
                Arguments.of("number.csv", "a,b,label\n1,2,x\n3,4,y\n5,six,x\n7,8,y\n".getBytes(StandardCharsets.UTF_8),
                        "column 'b'"),
                Arguments.of("constant.csv", "a,b,label\n1,2,x\n1,3,y\n1,4,x\n1,5,y\n1,6,x\n".getBytes(StandardCharsets.UTF_8),
                        "'a'"),
                Arguments.of("missing.csv", "a,b,label\n1,2,x\n,3,y\n2,4,x\n3,5,y\n4,6,x\n".getBytes(StandardCharsets.UTF_8),
                        "--missing"),
                Arguments.of("empty.csv", new byte[0], "the file is empty"),
                Arguments.of("header-only.csv", "a,b,label\n".getBytes(StandardCharsets.UTF_8), "no rows of data"),
                Arguments.of("latin1.csv", "a,b,label\n1,2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                        "not UTF-8"),
                Arguments.of("quote.csv", "a,b,label\n1,2,\"open\n3,4,y\n".getBytes(StandardCharsets.UTF_8),
                        "not valid CSV"),
                Arguments.of("wide.csv", wide.getBytes(StandardCharsets.UTF_8), "more than the 100000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void refusedWithOneLineAndNothingWritten(String name, byte[] content, String expected) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        Path model = dir.resolve("model.safetensors");
        CliRun run = CliRun.of("train", "--data", file.toString(), "--epochs", "1", "--out", model.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.errLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(name).contains(expected);
        assertThat(model).doesNotExist();
    }

    @Test
    void aMissingLabelColumnNamesTheColumnsThereAre() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,10,x\n");
        CliRun run = CliRun.of("train", "--data", file.toString(), "--label", "species", "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no column named 'species'; the columns are a, b, label");
    }

    @Test
    void tableOptionsOnOtherDataAreRefused() {
        CliRun run = CliRun.of("train", "--label", "x", "--epochs", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("apply to tables");
    }

    @Test
    void anIdxCommandSaysWhichCommandsReadTables() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,label\n1,x\n");
        CliRun run = CliRun.of("sweep", "--data", file.toString(), "--grid", "learning-rate=0.1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("work with train, evaluate, predict, lab and explain");
    }
}
