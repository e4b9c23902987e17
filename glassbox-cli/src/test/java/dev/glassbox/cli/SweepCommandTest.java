package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--data", "../data/mnist", "--subset", "2000", "--validation", "500",
        "--epochs", "2", "--layers", "784-16-10"};

    private CliRun sweep(String... more) {
        String[] args = new String[SMALL.length + more.length + 1];
        args[0] = "sweep";
        System.arraycopy(SMALL, 0, args, 1, SMALL.length);
        System.arraycopy(more, 0, args, 1 + SMALL.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void aGridSweepRanksEveryTrialByValidationAccuracyAndSavesTheBest() throws Exception {
        Path out = dir.resolve("grid");
        CliRun run = sweep("--grid", "learning-rate=0.0003,0.01", "--grid", "batch-size=32,64", "--parallel", "2",
                "--out-dir", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Sweep: 4 trials (grid over learning-rate, batch-size) on 1,500 images, 500 held"
                + " out for validation; 2 trials at a time").contains("Ranked by validation accuracy").contains("Best: trial");

        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo("rank,trial,learning-rate,batch-size,status,validation_accuracy,"
                + "validation_loss,best_epoch,epochs_run,stopped_early,seconds");
        double previous = 1;
        for (String row : csv.subList(1, 5)) {
            double accuracy = Double.parseDouble(row.split(",")[5]);
            assertThat(accuracy).isLessThanOrEqualTo(previous);
            previous = accuracy;
        }
        // The smallest rate learns least in two epochs.
        assertThat(csv.get(4)).contains(",0.0003,");
        assertThat(Files.size(out.resolve("trials.png"))).isGreaterThan(1000);

        int bestTrial = Integer.parseInt(csv.get(1).split(",")[1]);
        SavedModel best = ModelFiles.load(out.resolve("best.safetensors"));
        assertThat(best.metadata()).containsEntry("glassbox.sweep_trial", Integer.toString(bestTrial));
        assertThat(best.network().spec().toString()).isEqualTo("784-16-relu-10");
    }

    @Test
    void aRandomSearchDrawsTheSameTrialsForTheSameSeed() throws Exception {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        for (Path out : List.of(first, second)) {
            CliRun run = sweep("--vary", "learning-rate=log:0.001:0.01", "--vary", "optimizer=adam,momentum",
                    "--trials", "3", "--parallel", "1", "--out-dir", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("3 trials (random search over learning-rate, optimizer)");
        }
        List<String> a = Files.readAllLines(first.resolve("trials.csv"));
        List<String> b = Files.readAllLines(second.resolve("trials.csv"));
        assertThat(a).hasSize(4);
        for (int i = 1; i < 4; i++) {
            // Same trials, same results; only the seconds differ.
            assertThat(a.get(i).substring(0, a.get(i).lastIndexOf(','))).isEqualTo(
                    b.get(i).substring(0, b.get(i).lastIndexOf(',')));
        }
    }

    @Test
    void badSweepsAreUsageErrors() {
        CliRun none = sweep("--out-dir", dir.resolve("x").toString());
        assertThat(none.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(none.err()).contains("give what to search");

        CliRun both = sweep("--grid", "learning-rate=0.1", "--vary", "dropout=uniform:0:0.5");
        assertThat(both.err()).contains("use one");

        CliRun fixed = sweep("--grid", "subset=100,200");
        assertThat(fixed.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(fixed.err()).contains("cannot vary 'subset': every trial must see the same data");

        CliRun unknown = sweep("--grid", "lr=0.1,0.2");
        assertThat(unknown.err()).contains("cannot vary 'lr'").contains("learning-rate");

        CliRun badValue = sweep("--grid", "layers=784-16-10,banana");
        assertThat(badValue.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(badValue.err()).contains("banana");

        CliRun range = sweep("--grid", "learning-rate=log:0.001:0.1");
        assertThat(range.err()).contains("a grid needs listed values");
    }
}
