package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox bench} prints what it promises; the figures themselves belong in BENCHMARKS.md. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonHasTheDocumentedFields() {
        CliRun run = CliRun.of("bench", "--layers", "784-32-10", "--batch", "16", "--batches", "3", "--warmup", "0",
                "--repeats", "1", "--threads", "1,2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.parse(lines.get(0));
        assertThat(first).containsKeys("samples_per_second", "epoch_seconds", "gflops", "peak_gflops", "kernels",
                "threads", "layers", "batch");
        assertThat(first.get("layers")).isEqualTo("784-32-relu-10");
        assertThat(first.get("kernels")).isEqualTo("simd");
        assertThat(((Number) first.get("threads")).intValue()).isEqualTo(1);
        assertThat(((Number) first.get("samples_per_second")).doubleValue()).isPositive();
        assertThat(((Number) first.get("peak_gflops")).doubleValue()).isPositive();
    }

    @Test
    void widthSweepDrawsAPlot() {
        Path png = dir.resolve("widths.png");
        CliRun run = CliRun.of("bench", "--widths", "8,16", "--batch", "16", "--batches", "2", "--warmup", "0",
                "--repeats", "1", "--threads", "1", "--plot", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("784-8-relu-8-relu-10").contains("784-16-relu-16-relu-10");
        assertThat(png).exists();
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(CliRun.of("bench", "--batches", "1").exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(CliRun.of("bench", "--plot", "x.png").err()).contains("--widths");
        assertThat(CliRun.of("bench", "--threads", "0").exitCode()).isEqualTo(Main.USAGE_ERROR);
    }
}
