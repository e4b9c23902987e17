package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is one line with the heap's size and the -Xmx hint, in a real process. */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void trainOnATinyHeapSaysSoInOneLine() throws Exception {
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
                        "--add-modules", "jdk.incubator.vector",
                        "-Dglassbox.cache=" + System.getProperty("glassbox.cache"), // never the user's own
                        "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), "train", "--data", "../data/mnist", "--epochs", "1", "--out",
                        dir.resolve("m.safetensors").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = readAll(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = err.lines().filter(l -> !l.isBlank() && !l.contains("incubator")).toList();
        assertThat(process.exitValue()).as(err).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(lines).as(err).hasSize(1);
        assertThat(lines.get(0)).startsWith("glassbox: out of memory").contains("-Xmx");
        assertThat(err).doesNotContain("\tat ", "Exception in thread");
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
