package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.io.CheckpointFiles;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointedRunTest {
    @TempDir
    Path dir;

    /** A run of a fraction of a second on auto writes no checkpoint: none would be 30 s old. */
    @Test
    void autoWritesNoneInAShortRun() {
        Path file = dir.resolve("run.checkpoint.safetensors");
        CheckpointedRun checkpointed = complete(CheckpointSchedule.parse("auto"), file);
        assertThat(checkpointed.wroteAny()).isFalse();
        assertThat(file).doesNotExist();
    }

    /** A schedule the user gives is kept however quick the run. */
    @Test
    void aGivenScheduleWritesAtEveryInterval() {
        Path file = dir.resolve("run.checkpoint.safetensors");
        CheckpointedRun checkpointed = complete(CheckpointSchedule.parse("1"), file);
        assertThat(checkpointed.wroteAny()).isTrue();
        assertThat(CheckpointFiles.load(file).state().progress().step()).as("written after training began").isPositive();
    }

    private static CheckpointedRun complete(CheckpointSchedule schedule, Path file) {
        int n = 60;
        byte[] pixels = new byte[n * 4];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
            pixels[i * 4 + i % 2] = (byte) 200;
        }
        TrainingData data = TrainingData.of(Dataset.of("toy", pixels, labels, 2, 2, 2));
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.1f)
                .optimizer(OptimizerConfig.of("momentum")).seed(1).build();
        Network network = NetworkSpec.parse("4-3-relu-2").build(1);
        CheckpointedRun checkpointed = new CheckpointedRun(schedule, file, Map.of(), "glassbox train --resume " + file);
        try (Interruption interruption = new Interruption();
                TrainingRun run = new Trainer(config, ReferenceKernels.PROVIDER).start(network, data)) {
            assertThat(checkpointed.complete(run, network, interruption, new PrintWriter(new StringWriter())))
                    .isNotNull();
        }
        assertThat(Files.exists(file)).isEqualTo(checkpointed.wroteAny());
        return checkpointed;
    }
}
