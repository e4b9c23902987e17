package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.Json;
import dev.glassbox.io.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume}: a checkpoint is data. What it holds never decides where a file is
 * written, deleted or read — the user's command line and the checkpoint's own place do.
 */
class ResumeTrustTest {
    @TempDir
    Path dir;

    @Test
    void checkpointWhoseSettingsNameAFileIsRefused() throws IOException {
        Path victim = Files.writeString(dir.resolve("thesis.txt"), "years of work");
        Path checkpoint = dir.resolve("run.checkpoint.safetensors");
        TestCheckpoints.write(checkpoint, Map.of(RunSettings.KEY,
                Json.write(Map.of("layers", "784-8-10", "out", victim.toString()))));

        CliRun run = CliRun.of("train", "--resume", checkpoint.toString(), "--data", TestCheckpoints.DATA.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("unknown setting 'out'").contains("never file names");
        assertThat(Files.readString(victim)).isEqualTo("years of work");
        assertThat(checkpoint).exists();
    }

    @Test
    void commandLineRecordedByAnOlderGlassboxIsIgnored() throws IOException {
        Path victim = Files.writeString(dir.resolve("thesis.txt"), "years of work");
        Path checkpoint = dir.resolve("run.checkpoint.safetensors");
        TestCheckpoints.write(checkpoint, Map.of("glassbox.train_args", Json.write(List.of("--out", victim.toString(),
                "--metrics-json", victim.toString(), "--checkpoint", victim.toString()))));

        CliRun run = CliRun.of("train", "--resume", checkpoint.toString(), "--data", TestCheckpoints.DATA.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("years of work");
        assertThat(dir.resolve("run.safetensors")).as("the model, beside the checkpoint").exists();
        assertThat(checkpoint).as("the resumed checkpoint is removed once the model is saved").doesNotExist();
    }

    @Test
    void movedCheckpointWritesBesideItselfNotWhereItCameFrom() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path moved = Files.createDirectories(dir.resolve("moved"));
        TestCheckpoints.write(first.resolve("run.checkpoint.safetensors"), Map.of());
        Files.move(first.resolve("run.checkpoint.safetensors"), moved.resolve("run.checkpoint.safetensors"));

        CliRun run = CliRun.of("train", "--resume", moved.resolve("run.checkpoint.safetensors").toString(), "--data",
                TestCheckpoints.DATA.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Saved " + moved.resolve("run.safetensors"));
        assertThat(moved.resolve("run.safetensors")).exists();
        try (var left = Files.list(first)) {
            assertThat(left).as("nothing written where the checkpoint was made").isEmpty();
        }
    }

    @Test
    void outputsGivenNowAreUsed() {
        Path checkpoint = dir.resolve("ck.safetensors");
        TestCheckpoints.write(checkpoint, Map.of());
        Path model = dir.resolve("elsewhere/final.safetensors");
        Path metrics = dir.resolve("metrics.jsonl");

        CliRun run = CliRun.of("train", "--resume", checkpoint.toString(), "--data", TestCheckpoints.DATA.toString(),
                "--out", model.toString(), "--metrics-json", metrics.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(model).exists();
        assertThat(metrics).exists();
        assertThat(dir.resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void anOptionGivenWithResumeIsNamedAloneWhenItChangesTheRun() {
        Path checkpoint = dir.resolve("run.checkpoint.safetensors");
        TestCheckpoints.write(checkpoint, Map.of());

        CliRun run = CliRun.of("train", "--resume", checkpoint.toString(), "--epochs", "5");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("--epochs=5").contains("started with --epochs=2")
                .doesNotContain("784-256-128-10").doesNotContain("layers");
    }

    @Test
    void settingsGivenAgainThatAgreeWithTheCheckpointAreAccepted() {
        Path checkpoint = dir.resolve("run.checkpoint.safetensors");
        TestCheckpoints.write(checkpoint, Map.of());
        String[] args = TestCheckpoints.runArgs();
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 1, args.length);
        all[0] = "train";
        all[args.length + 1] = "--resume";
        all[args.length + 2] = checkpoint.toString();
        all[args.length + 3] = "--data";
        all[args.length + 4] = TestCheckpoints.DATA.toString();

        CliRun run = CliRun.of(all);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Resumed from " + checkpoint);
    }
}
