package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.OptimizerConfig;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A checkpoint written to bytes and read back resumes a run bit for bit; broken bytes are refused with the reason. */
class CheckpointCodecTest {
    private static final String SPEC = "16-24-relu-dropout0.2-12-tanh-3";
    private static final TrainingData DATA = data();
    private static final TrainingConfig CONFIG = TrainingConfig.builder()
            .epochs(3).batchSize(16).learningRate(0.01f).optimizer(OptimizerConfig.of("adam")).seed(8).build();

    private static TrainingData data() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 150;
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (byte) (p % 3 == i % 3 ? 150 + random.nextInt(100) : random.nextInt(80));
            }
        }
        return TrainingData.of(Dataset.of("toy", pixels, labels, 4, 4, 3)).holdOut(30);
    }

    private static Network network() {
        return NetworkSpec.parse(SPEC).build(1);
    }

    private static float[] weights(Network network) {
        return network.parameters().stream().map(Parameter::value).map(m -> m.data().clone())
                .reduce(new float[0], (a, b) -> {
                    float[] joined = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
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
