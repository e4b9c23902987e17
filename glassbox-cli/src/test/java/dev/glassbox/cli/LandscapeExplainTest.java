package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --trajectory} and {@code explain --landscape}: the grid as CSV and SVG, the path
 * on its principal directions ending at the origin, the line from the initial weights, and one
 * line for what cannot be drawn.
 */
class LandscapeExplainTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static Path path;

    @BeforeAll
    static void train() {
        model = dir.resolve("m.safetensors");
        path = dir.resolve("path.safetensors");
        CliRun run = CliRun.of("train", "--layers", "784-16-relu-10", "--epochs", "2", "--subset", "3000",
                "--validation", "0", "--trajectory", path.toString(), "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trajectory: ").contains(" snapshots of 94 steps to " + path);
    }

    @Test
    void drawsThePathOverItsOwnDirections() throws IOException {
        Path out = dir.resolve("pca");
        CliRun run = CliRun.of("explain", "--landscape", "--model", model.toString(), "--trajectory", path.toString(),
                "--grid", "9", "--subset", "200", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("9 × 9 points on 200 training samples, pca directions");
        List<String> grid = Files.readAllLines(out.resolve("landscape.csv"));
        assertThat(grid).hasSize(1 + 81).first().isEqualTo("alpha,beta,loss,accuracy");
        assertThat(grid.get(1)).startsWith("-1.000000,-1.000000,");
        assertThat(grid.get(1 + 40)).startsWith("0.000000,0.000000,"); // the centre
        List<String> trace = Files.readAllLines(out.resolve("trajectory.csv"));
        assertThat(trace.get(1)).startsWith("0,0,"); // step 0, before the first epoch
        assertThat(trace.get(trace.size() - 1)).isEqualTo("94,2,0.000000,0.000000");
        assertThat(Files.readAllLines(out.resolve("line.csv"))).hasSize(62);
        assertThat(out.resolve("landscape.svg")).content().contains("The loss around the trained weights")
                .contains("pca directions").contains("Along the straight line");
    }

    @Test
    void randomDirectionsNeedNoPath() throws IOException {
        Path out = dir.resolve("random");
        CliRun run = CliRun.of("explain", "--landscape", "--model", model.toString(), "--grid", "5", "--subset", "100",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("landscape.csv"))).hasSize(26);
        assertThat(out.resolve("trajectory.csv")).doesNotExist();
    }

    @Test
    void whatCannotBeDrawnIsOneLine() {
        CliRun pca = CliRun.of("explain", "--landscape", "--directions", "pca", "--model", model.toString(), "--out",
                dir.resolve("x").toString());
        assertThat(pca.exitCode()).isEqualTo(2);
        assertThat(pca.err()).contains("--directions pca needs the path: pass --trajectory FILE");
        CliRun other = CliRun.of("train", "--layers", "784-8-relu-10", "--epochs", "1", "--subset", "500",
                "--validation", "0", "--out", dir.resolve("other.safetensors").toString());
        assertThat(other.exitCode()).as(other.err()).isZero();
        CliRun mismatch = CliRun.of("explain", "--landscape", "--model", dir.resolve("other.safetensors").toString(),
                "--trajectory", path.toString(), "--out", dir.resolve("y").toString());
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.errLines()).isEqualTo(1);
        assertThat(mismatch.err()).contains("is a path of 784-16-relu-10, the model is 784-8-relu-10");
        CliRun seeds = CliRun.of("train", "--seeds", "2", "--trajectory", dir.resolve("z.safetensors").toString());
        assertThat(seeds.exitCode()).isEqualTo(2);
        assertThat(seeds.err()).contains("--trajectory records one run from its start");
    }
}
