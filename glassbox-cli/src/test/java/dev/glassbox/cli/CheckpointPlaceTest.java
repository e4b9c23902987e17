package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint}: the file a run overwrites while training and deletes at the end is never
 * the model, another output, or a file that was there before — unless it is this run's own.
 */
class CheckpointPlaceTest {
    @TempDir
    Path dir;

    private CliRun train(String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", TestCheckpoints.DATA.toString()));
        args.addAll(Arrays.asList(TestCheckpoints.runArgs()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void checkpointThatIsTheModelIsRefused() throws IOException {
        Path same = dir.resolve("same.safetensors");
        CliRun run = train("--out", same.toString(), "--checkpoint", same.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("--out and --checkpoint are the same file");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void checkpointThatIsTheMetricsOrThePlotIsRefused() {
        Path file = dir.resolve("m.jsonl");
        CliRun metrics = train("--out", dir.resolve("m.safetensors").toString(), "--checkpoint", file.toString(),
                "--metrics-json", file.toString());
        assertThat(metrics.exitCode()).as(metrics.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(metrics.err()).contains("--checkpoint and --metrics-json are the same file");
        CliRun plot = train("--out", dir.resolve("m.safetensors").toString(), "--plot", file.toString(),
                "--metrics-json", file.toString());
        assertThat(plot.exitCode()).as(plot.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(plot.err()).contains("--metrics-json and --plot are the same file");
    }

    @Test
    void unrelatedFileIsNeitherOverwrittenNorDeleted() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "meeting notes");
        CliRun run = train("--out", dir.resolve("m.safetensors").toString(), "--checkpoint", notes.toString(),
                "--checkpoint-every", "1b");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("notes.txt already exists and is not a Glassbox checkpoint");
        assertThat(Files.readString(notes)).isEqualTo("meeting notes");
        assertThat(dir.resolve("m.safetensors")).doesNotExist();
    }

    @Test
    void existingModelIsNotUsedAsCheckpoint() throws IOException {
        Path model = dir.resolve("good.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-4-relu-10").build(1), Map.of());
        byte[] before = Files.readAllBytes(model);
        CliRun run = train("--out", dir.resolve("m.safetensors").toString(), "--checkpoint", model.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void checkpointOfAnotherRunIsKept() throws IOException {
        Path checkpoint = dir.resolve("model.checkpoint.safetensors");
        TestCheckpoints.write(checkpoint, Map.of());
        byte[] before = Files.readAllBytes(checkpoint);
        CliRun run = train("--out", dir.resolve("model.safetensors").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("holds the checkpoint of another run")
                .contains("--resume " + checkpoint);
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(before);
    }

    @Test
    void ownCheckpointIsRemovedAtTheEnd() {
        Path checkpoint = dir.resolve("model.checkpoint.safetensors");
        CliRun run = train("--out", dir.resolve("model.safetensors").toString(), "--checkpoint-every", "1b");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(checkpoint).doesNotExist();
        assertThat(dir.resolve("model.safetensors")).exists();
    }
}
