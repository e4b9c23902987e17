package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.testkit.ToyRun;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingRun;
import dev.glassbox.train.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A checkpoint written to bytes and read back resumes a run bit for bit; broken bytes are refused with the reason. */
class CheckpointCodecTest {
    private static final String SPEC = ToyRun.SPEC;
    private static final TrainingData DATA = ToyRun.DATA;
    private static final TrainingConfig CONFIG = ToyRun.CONFIG;

    private static Network network() {
        return ToyRun.network();
    }

    private static float[] weights(Network network) {
        return ToyRun.weights(network);
    }

    /** The checkpoint's bytes after {@code steps} steps. */
    private static byte[] checkpointAfter(int steps) {
        Network network = network();
        try (TrainingRun run = new Trainer(CONFIG, KernelChoice.provider()).start(network, DATA)) {
            for (int i = 0; i < steps; i++) {
                run.step();
            }
            return CheckpointCodec.write(network, run.state(), Map.of("glassbox.command", "train --epochs 3"));
        }
    }

    @Test
    void aRunResumedFromBytesEndsWithTheWeightsOfTheRunLeftAlone() {
        Network alone = network();
        new Trainer(CONFIG, KernelChoice.provider()).fit(alone, DATA);

        for (int steps : new int[] {3, 8, 13}) { // mid-epoch, the end of the first epoch, mid-second
            Checkpoint checkpoint = CheckpointCodec.read(checkpointAfter(steps));
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
    void aCheckpointOpensAsAModel() {
        SavedModel model = ModelCodec.read(checkpointAfter(5));
        assertThat(model.network().spec()).isEqualTo(NetworkSpec.parse(SPEC));
    }

    @Test
    void aModelIsNotACheckpoint() {
        byte[] model = ModelCodec.write(network(), Map.of());
        assertThatThrownBy(() -> CheckpointCodec.read(model)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot read checkpoint: ")
                .hasMessageContaining("no training state").hasMessageContaining("--checkpoint-every");
    }

    @Test
    void aDamagedStateIsNamed() {
        String text = new String(checkpointAfter(5), StandardCharsets.ISO_8859_1);
        // Same length, so the header stays well-formed: only the state's content changes.
        byte[] damaged = text.replace("\\\"since_best\\\"", "\\\"since_bext\\\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CheckpointCodec.read(damaged)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("training state: state.best.since_best is missing");
    }

    @Test
    void aTruncatedCheckpointIsRefused() {
        byte[] bytes = checkpointAfter(5);
        assertThatThrownBy(() -> CheckpointCodec.read(Arrays.copyOf(bytes, bytes.length - 10)))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void writingToAStreamGivesTheSameBytes() throws IOException {
        Network network = network();
        try (TrainingRun run = new Trainer(CONFIG, KernelChoice.provider()).start(network, DATA)) {
            run.step();
            TrainingState state = run.state();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CheckpointCodec.write(network, state, Map.of(), out);
            assertThat(out.toByteArray()).isEqualTo(CheckpointCodec.write(network, state, Map.of()));
        }
    }

    @Test
    void anUnknownExtraTensorIsRefused() {
        // A model whose extra tensor is neither optimizer state nor best weights, with a valid state.
        byte[] bytes = checkpointAfter(5);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        byte[] renamed = text.replaceFirst("checkpoint\\.optimizer\\.", "checkpoint.optimizar.")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CheckpointCodec.read(renamed)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot read checkpoint: training state: unknown tensor checkpoint.optimizar.");
    }
}
