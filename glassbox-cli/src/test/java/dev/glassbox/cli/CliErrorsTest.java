package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.MemoryEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line messages for bad arguments and bad files. */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("missing command").contains("lab");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("train", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'").contains("glassbox train --help");
    }

    @Test
    void nonNumericValueIsAUsageError() {
        CliRun run = CliRun.of("train", "--epochs", "many");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("many");
    }

    @Test
    void impossibleValuesAreUsageErrorsBeforeAnyWork() {
        assertUsage(CliRun.of("train", "--batch-size", "0"), "batch size must be 1..");
        assertUsage(CliRun.of("train", "--learning-rate", "-1"), "learning rate must be positive");
        assertUsage(CliRun.of("train", "--layers", "784-abc-10"), "'abc' is neither a layer size");
        assertUsage(CliRun.of("train", "--activation", "swish"), "unknown activation 'swish'");
        assertUsage(CliRun.of("train", "--optimizer", "lbfgs"), "unknown optimizer 'lbfgs'");
        assertUsage(CliRun.of("train", "--schedule", "sometimes"), "learning-rate schedule 'sometimes'");
        assertUsage(CliRun.of("train", "--dropout", "1"), "--dropout must be in [0, 1)");
        assertUsage(CliRun.of("train", "--loss", "hinge"), "unknown loss 'hinge'");
    }

    @Test
    void outputThatIsADirectoryIsRefusedBeforeTraining() {
        assertUsage(CliRun.of("train", "--out", dir.toString()), "is a directory");
    }

    @Test
    void missingDataFolderIsARuntimeErrorWithAHint() {
        CliRun run = CliRun.of("train", "--data", dir.resolve("nowhere").toString(), "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("nowhere").contains("--data DIR must hold the four IDX files");
        assertThat(run.errLines()).isEqualTo(1);
    }

    @Test
    void missingModelSaysHowToGetOne() {
        CliRun run = CliRun.of("evaluate", "--model", dir.resolve("absent.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("no such model file").contains("./glassbox train");
        assertThat(run.errLines()).isEqualTo(1);
    }

    @Test
    void corruptModelIsOneLineWithoutStackTrace() throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        for (String command : new String[] {"evaluate", "info", "predict"}) {
            CliRun run = command.equals("predict")
                    ? CliRun.of(command, "--model", bad.toString(), "x.png")
                    : CliRun.of(command, "--model", bad.toString());
            assertThat(run.exitCode()).as(command).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(run.err()).as(command).contains(bad.toString()).doesNotContain("\tat ");
            assertThat(run.errLines()).as(command).isEqualTo(1);
        }
    }

    /** A diverging run stops with the remedies; the model already there and the last checkpoint are kept. */
    @Test
    void divergedTrainingKeepsTheModelAndTheLastCheckpoint() throws IOException {
        Path model = dir.resolve("diverge.safetensors");
        Path checkpoint = dir.resolve("diverge.checkpoint.safetensors");
        Files.write(model, new byte[] {42, 42, 42});
        CliRun run = CliRun.of("train", "--data", "../data/mnist", "--layers", "784-10", "--epochs", "1",
                "--optimizer", "sgd", "--loss", "mse", "--learning-rate", "1e6", "--checkpoint-every", "1b", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("training diverged at epoch 1").contains("learning rate")
                .contains("initialisation").contains("inputs not scaled");
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(Files.readAllBytes(model)).containsExactly(42, 42, 42);
        assertThat(checkpoint).exists();
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        CliRun run = CliRun.of("info", "--verbose", "--model", bad.toString());
        assertThat(run.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void predictWithoutImagesIsAUsageError() {
        assertThat(CliRun.of("predict").exitCode()).isEqualTo(Main.USAGE_ERROR);
    }

    @Test
    void helpWorksEverywhere() {
        for (String command : new String[] {"train", "evaluate", "predict", "info"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: glassbox " + command);
        }
    }

    @Test
    void infoWithAMissingExplicitModelIsAnError() {
        CliRun run = CliRun.of("info", "--model", dir.resolve("none.safetensors").toString());
        // An explicitly named model that does not exist is an error...
        assertThat(run.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("no such model file");
    }

    private static void assertUsage(CliRun run, String fragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains(fragment);
    }

    @Test
    void negativeValidationIsAUsageError() {
        assertUsage(CliRun.of("train", "--validation", "-1"), "--validation must be 0 or more");
    }

    @Test
    void metricsOrPlotThatIsADirectoryIsRefusedBeforeTraining() {
        CliRun metrics = CliRun.of("train", "--out", dir.resolve("m.safetensors").toString(), "--metrics-json",
                dir.toString());
        assertUsage(metrics, "--metrics-json " + dir + " is a directory");
        assertThat(metrics.out()).doesNotContain("epoch");
        CliRun plot = CliRun.of("train", "--out", dir.resolve("m.safetensors").toString(), "--plot", dir.toString());
        assertUsage(plot, "--plot " + dir + " is a directory");
        assertThat(dir.resolve("m.safetensors")).doesNotExist();
    }

    @Test
    void outputsThatCouldNeverBeTheAnswerAreRefused() {
        CliRun run = CliRun.of("train", "--data", "../data/mnist", "--layers", "784-10-20", "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("has 20 outputs").contains("only 10 classes")
                .contains("outputs 10–19 could never be the answer");
        assertThat(dir.resolve("m.safetensors")).doesNotExist();
    }

    @Test
    void threadsBeyondTheCoresAreCappedWithAWarning() {
        int cores = Runtime.getRuntime().availableProcessors();
        CliRun run = CliRun.of("train", "--data", "../data/mnist", "--layers", "784-8-10", "--subset", "600",
                "--validation", "100", "--epochs", "1", "--threads", "1000", "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: --threads 1000 is more than the " + cores + " cores; using "
                + ThreadCount.PER_CORE * cores);
        assertThat(run.out()).contains("on " + ThreadCount.PER_CORE * cores + " threads");
        assertUsage(CliRun.of("train", "--threads", "0"), "--threads must be 1 or more");
    }

    @Test
    @Timeout(60)
    void fifoAsModelOrCheckpointIsRefusedWithoutWaiting() throws IOException {
        Path fifo = SpecialFiles.fifo(dir.resolve("model.safetensors"));
        CliRun evaluate = CliRun.of("evaluate", "--model", fifo.toString());
        assertThat(evaluate.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(evaluate.err()).contains("not a regular file");
        CliRun resume = CliRun.of("train", "--resume", fifo.toString());
        assertThat(resume.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(resume.err()).contains("not a regular file");
        assertThat(resume.errLines()).isEqualTo(1);
    }

    @Test
    void predictSaysWhatIsWrongWithWhatIsNotAnImageFile() throws IOException {
        Path model = dir.resolve("model.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-4-relu-10").build(1), Map.of());
        Path folder = Files.createDirectories(dir.resolve("digits"));
        CliRun onFolder = CliRun.of("predict", "--model", model.toString(), folder.toString());
        assertThat(onFolder.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(onFolder.err()).contains("it is a directory").doesNotContain("not found");
        CliRun onDevice = CliRun.of("predict", "--model", model.toString(), "/dev/null");
        assertThat(onDevice.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(onDevice.err()).contains("not a regular file").doesNotContain("not found");
    }

    @Test
    void trainingThatCannotFitTheHeapIsRefusedBeforeItStarts() {
        String layers = "784-16384-16384-16384-16384-10";
        MemoryEstimate need = MemoryEstimate.training(NetworkSpec.parse(layers), 16384, OptimizerConfig.of("adam"));
        assertThat(need.totalBytes()).as("more than this JVM's heap").isGreaterThan(Runtime.getRuntime().maxMemory());
        CliRun run = CliRun.of("train", "--data", "../data/mnist", "--layers", layers, "--batch-size", "16384",
                "--out", dir.resolve("m.safetensors").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("needs " + need.withWeightCopies(1)).contains("JAVA_OPTS=-Xmx")
                .doesNotContain("OutOfMemoryError");
        assertThat(run.out()).doesNotContain("epoch");
    }
}
