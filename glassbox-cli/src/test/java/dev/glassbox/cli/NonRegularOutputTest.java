package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every output is a regular file or absent: saving renames a new file over the target, which
 * would turn a device (as root, {@code /dev/null} itself), a FIFO or a socket into a plain file.
 * Each command refuses before any work, in one line, exit 1, touching nothing.
 */
class NonRegularOutputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--out", "--checkpoint", "--metrics-json", "--plot"})
    void trainRefusesAFifoOrADeviceAsAnyOutput(String option) throws IOException {
        for (Path special : List.of(SpecialFiles.fifo(dir.resolve("fifo")), SpecialFiles.deviceLink(dir.resolve("null")))) {
            List<String> args = new ArrayList<>(List.of("train", "--data", TestCheckpoints.DATA.toString()));
            args.addAll(Arrays.asList(TestCheckpoints.runArgs()));
            if (!option.equals("--out")) {
                args.addAll(List.of("--out", dir.resolve("m.safetensors").toString()));
            }
            args.addAll(List.of(option, special.toString()));

            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains(option + " " + special).contains("not a regular file");
            assertThat(run.out()).as("refused before training").doesNotContain("epoch");
            assertThat(dir.resolve("m.safetensors")).doesNotExist();
        }
        assertThat(Files.isRegularFile(dir.resolve("fifo"))).isFalse();
        assertThat(Files.isSymbolicLink(dir.resolve("null"))).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve("null"))).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void trainRefusesARealCharacterDeviceAsOut() throws Exception {
        // Making a device node needs root; CI runs as root, a developer's machine may not.
        Path device = dir.resolve("devfull");
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "7").start();
        assumeTrue(mknod.waitFor() == 0, "mknod needs root");
        CliRun run = CliRun.of("train", "--data", TestCheckpoints.DATA.toString(), "--layers", "784-8-10",
                "--subset", "600", "--validation", "100", "--epochs", "1", "--out", device.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("--out " + device).contains("not a regular file");
        assertThat(Files.isRegularFile(device)).as("still a device").isFalse();
        assertThat(Files.exists(device)).isTrue();
    }

    @Test
    void sweepRefusesAFifoAmongItsResults() throws IOException {
        Path out = Files.createDirectories(dir.resolve("sweep"));
        SpecialFiles.fifo(out.resolve("trials.csv"));
        CliRun run = CliRun.of("sweep", "--data", TestCheckpoints.DATA.toString(), "--subset", "600", "--validation",
                "100", "--epochs", "1", "--layers", "784-8-10", "--grid", "learning-rate=0.001,0.002", "--out-dir",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("trials.csv").contains("not a regular file");
        assertThat(out.resolve("best.safetensors")).doesNotExist();
        assertThat(Files.isRegularFile(out.resolve("trials.csv"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void explainRefusesAFifoAmongItsFigures() throws IOException {
        Path model = dir.resolve("model.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-4-relu-10").build(1), Map.of());
        Path out = Files.createDirectories(dir.resolve("figures"));
        SpecialFiles.fifo(out.resolve("1-output-error.svg"));
        CliRun run = CliRun.of("explain", "--model", model.toString(), "--data", TestCheckpoints.DATA.toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("1-output-error.svg").contains("not a regular file");
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(1);
        }
    }
}
