package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.io.Json;
import dev.glassbox.jvm.kernels.CpuInfo;
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
                "threads", "layers", "batch", "percent_of_peak", "flops_per_sample", "skipped_share", "kernel_shape", "vector_bits",
                "cpu");
        assertThat(first.get("layers")).isEqualTo("784-32-relu-10");
        assertThat(first.get("kernels")).isEqualTo("simd");
        assertThat(((Number) first.get("threads")).intValue()).isEqualTo(1);
        assertThat(((Number) first.get("samples_per_second")).doubleValue()).isPositive();
        assertThat(((Number) first.get("peak_gflops")).doubleValue()).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) Json.parse(lines.get(1));
        assertThat(((Number) second.get("threads")).intValue()).isEqualTo(2);
        for (Map<String, Object> line : List.of(first, second)) {
            assertConsistent(line);
        }
    }

    /** Where the figures come from, and the figures derived from others agree with them. */
    private static void assertConsistent(Map<String, Object> line) {
        CpuInfo cpu = CpuInfo.current();
        assertThat(line.get("cpu")).isEqualTo(cpu.model());
        if (cpu.avx512() == CpuInfo.Avx512.UNKNOWN) {
            assertThat(line).doesNotContainKey("avx512");
        } else {
            assertThat(line.get("avx512")).isEqualTo(cpu.avx512() == CpuInfo.Avx512.PRESENT);
        }
        int bits = ((Number) line.get("vector_bits")).intValue();
        assertThat(bits).isIn(128, 256, 512); // the test JVM runs the SIMD kernels
        assertThat((String) line.get("kernel_shape")).contains(bits + "-bit vectors");

        double samples = number(line, "samples_per_second");
        double gflops = number(line, "gflops");
        double peak = number(line, "peak_gflops");
        double rounding = 0.5 / samples; // samples/s is printed as a whole number, the rest from the exact rate
        assertThat(gflops).isCloseTo(samples * number(line, "flops_per_sample") / 1e9,
                within(0.051 + gflops * rounding));
        assertThat(number(line, "percent_of_peak")).isCloseTo(100 * gflops / peak, within(0.051));
        // MNIST's borders are blank in every sample of a batch, so the first layer's products leave some out.
        assertThat(number(line, "skipped_share")).isStrictlyBetween(0.0, 1.0);
        assertThat(number(line, "epoch_seconds")).isCloseTo(60_000 / samples,
                within(0.0006 + 60_000 / samples * rounding));
    }

    private static double number(Map<String, Object> line, String key) {
        return ((Number) line.get(key)).doubleValue();
    }

    @Test
    void widthSweepDrawsAPlot() {
        Path png = dir.resolve("widths.png");
        CliRun run = CliRun.of("bench", "--widths", "8,16", "--batch", "16", "--batches", "2", "--warmup", "0",
                "--repeats", "1", "--threads", "1", "--plot", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("784-8-relu-8-relu-10").contains("784-16-relu-16-relu-10");
        KernelDescription kernels = KernelDescription.current();
        assertThat(run.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .startsWith(CpuInfo.current().describe() + " · simd kernels: " + kernels.shape() + " · FMA peak ")
                .matches(".* · FMA peak \\d+\\.\\d GFLOP/s on 1 thread"));
        assertThat(png).exists();
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(CliRun.of("bench", "--batches", "1").exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(CliRun.of("bench", "--plot", "x.png").err()).contains("--widths");
        assertThat(CliRun.of("bench", "--threads", "0").exitCode()).isEqualTo(Main.USAGE_ERROR);
    }
}
