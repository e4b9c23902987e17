package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each preset builds its documented network and trains one short epoch on a subset of MNIST. */
class PresetTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lecun98, 784-300-tanh-100-tanh-10, 3.05 %",
        "simard03, 784-800-relu-10, 1.60 %",
        "simard03-affine, 784-800-relu-10, 1.10 %",
        "simard03-elastic, 784-800-relu-10, 0.70 %",
        "dropout14, 784-dropout0.2-1024-relu-dropout0.5-1024-relu-dropout0.5-1024-relu-dropout0.5-10, 1.06 %",
        "best, 784-1024-relu-1024-relu-10, aims at"
    })
    void presetTrainsItsNetwork(String preset, String network, String paper) {
        Path model = dir.resolve(preset + ".safetensors");
        CliRun run = CliRun.of("train", "--data", "../data/mnist", "--preset", preset, "--epochs", "1", "--subset", "640",
                "--validation", "128", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Preset " + preset + ": ").contains(paper)
                .contains("Training " + network + " (").contains("on 512 samples");
        assertThat(ModelFiles.load(model).network().spec()).isEqualTo(NetworkSpec.parse(network));
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        CliRun run = CliRun.of("train", "--preset", "magic");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("unknown preset 'magic'").contains("lecun98").contains("best");
    }
}
