package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.CpuInfo;
import dev.glassbox.jvm.kernels.CpuInfo.Avx512;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one configuration's figures say about where they came from, on made-up figures. */
class BenchResultTest {
    private static final KernelDescription SIMD =
            new KernelDescription("simd", "8×32 register tile, 512-bit vectors, depth blocks of 512", 512);
    private static final CpuInfo EPYC = new CpuInfo("AMD EPYC 9R14", Avx512.PRESENT);

    private static BenchResult result(int threads, String optimizer, double peak, CpuInfo cpu,
            KernelDescription kernels) {
        BenchResult.Setup setup = new BenchResult.Setup("784-512-relu-256-relu-10", 128, threads, optimizer, kernels);
        // 50,000 samples/s × 2,411,520 FLOP per sample = 120.6 GFLOP/s
        BenchResult.Speed speed = new BenchResult.Speed(50_000, List.of(49_000L, 50_000L, 51_000L), 1.2, 120.6,
                2_411_520, Double.NaN, 0.2, threads > 1 ? 0.25 : 0);
        return new BenchResult(setup, speed, new BenchResult.Machine(cpu, peak, 300));
    }

    @Test
    void theHeaderNamesTheCpuTheKernelsAndThePeakOfEachThreadCount() {
        assertThat(BenchResult.header(List.of(result(1, "momentum", 113.8, EPYC, SIMD))))
                .isEqualTo("AMD EPYC 9R14 · AVX-512 · simd kernels: 8×32 register tile, 512-bit vectors,"
                        + " depth blocks of 512 · FMA peak 113.8 GFLOP/s on 1 thread");
        List<BenchResult> four = List.of(result(1, "momentum", 113.8, EPYC, SIMD),
                result(2, "momentum", 227.4, EPYC, SIMD), result(1, "adam", 113.8, EPYC, SIMD),
                result(2, "adam", 227.4, EPYC, SIMD));
        assertThat(BenchResult.header(four)).endsWith(" · FMA peak 113.8 GFLOP/s on 1 thread, 227.4 on 2 threads");
    }

    @Test
    void scalarKernelsAndAnUnknownCpuSayNoMoreThanTheyKnow() {
        CpuInfo mac = new CpuInfo("aarch64 (Mac OS X)", Avx512.UNKNOWN);
        KernelDescription scalar = new KernelDescription("scalar", "scalar", 32);
        assertThat(BenchResult.header(List.of(result(4, "sgd", 90.0, mac, scalar))))
                .isEqualTo("aarch64 (Mac OS X) · scalar kernels · FMA peak 90.0 GFLOP/s on 4 threads");
        Map<String, Object> json = result(4, "sgd", 90.0, mac, scalar).toJson();
        assertThat(json).doesNotContainKey("avx512").containsEntry("cpu", "aarch64 (Mac OS X)")
                .containsEntry("vector_bits", 32);
        assertThat(result(1, "sgd", 90.0, new CpuInfo("Intel(R) Core(TM) i7-8700", Avx512.ABSENT), scalar).toJson())
                .containsEntry("avx512", false);
    }

    @Test
    void jsonKeepsItsKeysAndAddsWhereTheFiguresCameFrom() {
        Map<String, Object> json = result(1, "momentum", 113.8, EPYC, SIMD).toJson();
        assertThat(json.keySet()).containsExactly("layers", "batch", "threads", "optimizer", "kernels",
                "kernel_shape", "vector_bits", "cpu", "avx512", "samples_per_second", "samples_per_second_runs",
                "epoch_seconds", "gflops", "flops_per_sample", "skipped_share", "peak_gflops", "percent_of_peak", "peak_rss_mb");
        assertThat(json).containsEntry("kernels", "simd")
                .containsEntry("kernel_shape", "8×32 register tile, 512-bit vectors, depth blocks of 512")
                .containsEntry("vector_bits", 512)
                .containsEntry("cpu", "AMD EPYC 9R14")
                .containsEntry("avx512", true)
                .containsEntry("skipped_share", 0.2)
                .containsEntry("peak_gflops", 113.8)
                .containsEntry("percent_of_peak", 106.0); // 100 × 120.6 / 113.8, rounded
        assertThat(result(2, "momentum", 227.4, EPYC, SIMD).toJson()).containsEntry("alone_share", 0.25);
    }

    @Test
    void theTextReportStillShowsThePeakOfItsOwnThreads() {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            result(2, "momentum", 227.4, EPYC, SIMD).print(out, 3, 300);
        }
        assertThat(text.toString())
                .startsWith("784-512-relu-256-relu-10, batch 128, momentum, simd kernels, 2 threads\n")
                .contains("120.6 GFLOP/s = 53.0 % of the FMA peak, 227.4 GFLOP/s on 2 threads, measured now")
                .contains("left out       20 % of the dense products' multiply-adds")
                .contains("alone          25 % of the time on the calling thread only");
        StringWriter oneThread = new StringWriter();
        try (PrintWriter out = new PrintWriter(oneThread)) {
            result(1, "momentum", 113.8, EPYC, SIMD).print(out, 3, 300);
        }
        assertThat(oneThread.toString()).doesNotContain("alone");
    }
}
