package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process, killed mid-epoch and resumed from its last checkpoint, ends with the
 * model file of the run left alone, byte for byte — whether it died at once (SIGKILL) or was
 * asked to stop (SIGTERM, the path Ctrl-C takes) and saved a checkpoint on its way out.
 */
@Tag("slow")
class ResumeAfterKillTest {
    /** Three epochs of about 3 s: time to be killed well inside one. */
    private static final List<String> RUN = List.of("train", "--data", "../data/mnist", "--layers", "784-512-512-10",
            "--epochs", "3", "--batch-size", "100", "--threads", "2", "--checkpoint-every", "40b");

    @TempDir
    static Path dir;

    private static byte[] uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() throws IOException {
        Path model = dir.resolve("alone.safetensors");
        List<String> args = new ArrayList<>(RUN);
        args.addAll(List.of("--out", model.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("alone.checkpoint.safetensors")).as("checkpoint removed once the model is saved")
                .doesNotExist();
        uninterrupted = Files.readAllBytes(model);
    }

    @Test
    void killedWithSigkillAndResumed() throws Exception {
        Path model = dir.resolve("killed.safetensors");
        Path checkpoint = dir.resolve("killed.checkpoint.safetensors");
        Process process = start(model);
        awaitCheckpoints(checkpoint, process, 3);
        process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing saved on the way out
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(model).as("killed before the end").doesNotExist();

        // A checkpoint names no file: the data folder is given again, the model goes beside the checkpoint.
        CliRun resumed = CliRun.of("train", "--resume", checkpoint.toString(), "--data", "../data/mnist");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resumed from " + checkpoint);
        assertThat(Files.readAllBytes(model)).as("resumed model vs uninterrupted").isEqualTo(uninterrupted);
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void stoppedWithSigtermSavesACheckpointAndResumes() throws Exception {
        Path model = dir.resolve("stopped.safetensors");
        Path checkpoint = dir.resolve("stopped.checkpoint.safetensors");
        Process process = start(model);
        awaitCheckpoints(checkpoint, process, 2);
        process.destroy(); // SIGTERM: the shutdown hook lets the batch finish and a checkpoint be written
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(model.resolveSibling(model.getFileName() + ".err"));
        assertThat(process.exitValue()).as(err).isEqualTo(128 + 15); // the JVM reports the signal: SIGTERM is 15
        assertThat(err).containsPattern("Interrupted in epoch \\d after batch \\d+ of 550. Saved a checkpoint to "
                + Pattern.quote(checkpoint.toString()) + "; resume with: ./glassbox train --resume ");
        assertThat(model).doesNotExist();

        // The same command again with --resume, as a user would type it.
        List<String> args = new ArrayList<>(RUN);
        args.addAll(List.of("--out", model.toString(), "--resume", checkpoint.toString()));
        CliRun resumed = CliRun.of(args.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(model)).as("resumed model vs uninterrupted").isEqualTo(uninterrupted);
    }

    private static Process start(Path model) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector",
                "-Dglassbox.cache=" + System.getProperty("glassbox.cache"), // never the user's own
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(RUN);
        command.addAll(List.of("--out", model.toString()));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(model.resolveSibling(model.getFileName() + ".err").toFile()).start();
    }

    /** Waits until the process has written {@code count} checkpoints (each replaces the file). */
    private static void awaitCheckpoints(Path checkpoint, Process process, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = 0;
        FileTime last = null;
        while (seen < count) {
            assertThat(process.isAlive()).as("training still running after %d checkpoints", seen).isTrue();
            assertThat(System.nanoTime()).as("waiting for checkpoints").isLessThan(deadline);
            if (Files.exists(checkpoint)) {
                FileTime modified = Files.getLastModifiedTime(checkpoint);
                if (!modified.equals(last)) {
                    last = modified;
                    seen++;
                }
            }
            Thread.sleep(5);
        }
        Thread.sleep(150); // past the checkpoint, into the batches after it
    }
}
