package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus in {@code src/test/resources/hostile/} (made by its {@code make.py}): broken models,
 * checkpoints, IDX datasets and images, each given to the command that reads it. Each must end
 * with exit code 1 and one line naming the file and the problem listed in {@code expected.tsv} —
 * no stack trace, no OutOfMemoryError. How long each took is printed, not asserted.
 */
class HostileFilesTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    @TempDir
    static Path dir;

    /** A valid MNIST-shaped model, for predict. */
    private static Path model;

    @BeforeAll
    static void writeModel() {
        model = dir.resolve("model.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-4-relu-10").build(1), Map.of());
    }

    static Stream<String[]> corpus() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expected.tsv")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\t", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithOneLine(String name, String expected) {
        Path file = CORPUS.resolve(name);
        assertThat(file).exists();
        String[] args = switch (name.substring(0, name.indexOf('/'))) {
            case "models" -> new String[] {"evaluate", "--model", file.toString()};
            case "checkpoints" -> new String[] {"train", "--resume", file.toString()};
            case "datasets" -> new String[] {"train", "--data", file.toString(), "--epochs", "1", "--validation", "1",
                "--out", dir.resolve("unused.safetensors").toString()};
            case "images" -> new String[] {"predict", "--model", model.toString(), file.toString()};
            default -> throw new IllegalArgumentException("unknown corpus folder in " + name);
        };
        long start = System.nanoTime();
        CliRun run = CliRun.of(args);
        System.out.printf("HostileFilesTest: %-48s %4d ms  %s%n", name, (System.nanoTime() - start) / 1_000_000,
                run.err().strip());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.errLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("glassbox: ").contains(file.getFileName().toString()).contains(expected)
                .doesNotContain("Exception", "\tat ");
        assertThat(List.of(dir.toFile().list())).doesNotContain("unused.safetensors");
    }
}
