package dev.glassbox.jvm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.testkit.ToyRun;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingRun;
import dev.glassbox.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint written to disk and read back resumes a run bit for bit; broken ones are refused by name. */
class CheckpointFilesTest {
    private static final String SPEC = ToyRun.SPEC;
    private static final TrainingData DATA = ToyRun.DATA;
    private static final TrainingConfig CONFIG = ToyRun.CONFIG;

    private static Network network() {
        return ToyRun.network();
    }

    private static float[] weights(Network network) {
        return ToyRun.weights(network);
    }

    /** Saves after {@code steps} steps; returns the checkpoint's path. */
    private static Path checkpointAfter(int steps, Path dir) {
        Network network = network();
        Path file = dir.resolve("run.checkpoint");
        try (TrainingRun run = new Trainer(CONFIG, KernelChoice.provider()).start(network, DATA)) {
            for (int i = 0; i < steps; i++) {
                run.step();
            }
            CheckpointFiles.save(file, network, run.state(), Map.of("glassbox.command", "train --epochs 3"));
        }
        return file;
    }

    @Test
    void aRunResumedFromDiskEndsWithTheWeightsOfTheRunLeftAlone(@TempDir Path dir) {
        Network alone = network();
        new Trainer(CONFIG, KernelChoice.provider()).fit(alone, DATA);

        for (int steps : new int[] {3, 8, 13}) { // mid-epoch, the end of the first epoch, mid-second
            Checkpoint checkpoint = CheckpointFiles.load(checkpointAfter(steps, dir));
            assertThat(checkpoint.metadata()).containsEntry("glassbox.command", "train --epochs 3");
            assertThat(checkpoint.state().config()).isEqualTo(CONFIG);
            assertThat(checkpoint.state().progress().step()).isEqualTo(steps);
            Network resumed = checkpoint.model().network();
            try (TrainingRun run = new Trainer(checkpoint.state().config(), KernelChoice.provider()).resume(resumed, DATA, checkpoint.state())) {
                while (run.step()) {
                    // to the end
                }
            }
            assertThat(weights(resumed)).as("resumed after %d steps", steps).containsExactly(weights(alone));
        }
    }

    @Test
    void aCheckpointOpensAsAModel(@TempDir Path dir) {
        SavedModel model = ModelFiles.load(checkpointAfter(5, dir));
        assertThat(model.network().spec()).isEqualTo(NetworkSpec.parse(SPEC));
    }

    @Test
    void aModelIsNotACheckpoint(@TempDir Path dir) {
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(file, network(), Map.of());
        assertThatThrownBy(() -> CheckpointFiles.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no training state").hasMessageContaining("--checkpoint-every");
    }

    @Test
    void aDamagedStateIsNamed(@TempDir Path dir) throws IOException {
        Path file = checkpointAfter(5, dir);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // Same length, so the header stays well-formed: only the state's content changes.
        Files.write(file, text.replace("\\\"since_best\\\"", "\\\"since_bext\\\"").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CheckpointFiles.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("training state: state.best.since_best is missing");
    }

    @Test
    void aTruncatedCheckpointIsRefusedByName(@TempDir Path dir) throws IOException {
        Path file = checkpointAfter(5, dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> CheckpointFiles.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot read checkpoint from " + file + ": ")
                .hasMessageContaining("truncated");
    }

    @Test
    void aFileHoldsExactlyTheCodecsBytes(@TempDir Path dir) throws IOException {
        Path file = checkpointAfter(5, dir);
        Checkpoint read = CheckpointFiles.load(file);
        byte[] again = dev.glassbox.io.CheckpointCodec.write(read.model().network(), read.state(), Map.of(
                "glassbox.command", "train --epochs 3"));
        assertThat(Files.readAllBytes(file)).isEqualTo(again);
    }

    @Test
    void savingOverACheckpointReplacesItWhole(@TempDir Path dir) {
        Path first = checkpointAfter(3, dir);
        TrainingState early = CheckpointFiles.load(first).state();
        checkpointAfter(9, dir);
        assertThat(early.progress().step()).isEqualTo(3);
        assertThat(CheckpointFiles.load(first).state().progress().step()).isEqualTo(9);
        assertThat(dir.toFile().list()).containsExactly("run.checkpoint");
    }
}
