package dev.glassbox.cli;

import dev.glassbox.jvm.kernels.CpuInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One configuration's figures from {@code glassbox bench}: what was run, how fast, and how that
 * compares with the machine measured in the same run.
 *
 * @param setup the network, batch, threads, optimizer and kernels
 * @param speed the median run's figures and every run's samples/s
 * @param machine the CPU, the FMA peak measured in the same run, and the process's peak memory
 */
record BenchResult(Setup setup, Speed speed, Machine machine) {

    /** What was timed. */
    record Setup(String layers, int batch, int threads, String optimizer, KernelDescription kernels) {}

    /**
     * How fast it trained.
     *
     * @param runs every timed run's samples/s; {@code samplesPerSecond} is their median
     * @param gflops the arithmetic done per second: samples/s × {@code flopsPerSample}
     * @param flopsPerSample the floating-point operations done per sample, on average: the dense
     *     products' less those the kernels left out
     * @param startupSeconds from JVM start to the first trained batch, or NaN when not measured
     * @param skippedShare the share of the dense products' multiply-adds the kernels left out
     *     because one side was all zeros (blank pixels at the same place in a whole batch)
     * @param aloneShare the share of the timed runs' time in which the calling thread worked
     *     alone, because another thread kept stalling it (a core the machine took away)
     */
    record Speed(long samplesPerSecond, List<Long> runs, double epochSeconds, double gflops, long flopsPerSample,
            double startupSeconds, double skippedShare, double aloneShare) {
        Speed {
            runs = List.copyOf(runs);
        }
    }

    /**
     * The yardstick.
     *
     * @param cpu the processor the figures come from
     * @param peakGflops the FMA peak on this configuration's threads, measured in the same run
     * @param peakRssMb the process's peak resident memory, or −1 when the system does not say
     */
    record Machine(CpuInfo cpu, double peakGflops, long peakRssMb) {}

    /** The arithmetic's share of the FMA peak, in %. */
    double percentOfPeak() {
        return round(100 * speed.gflops() / machine.peakGflops(), 1);
    }

    /** The JSON object {@code bench --json} prints, one per configuration, with its established keys. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layers", setup.layers());
        json.put("batch", setup.batch());
        json.put("threads", setup.threads());
        json.put("optimizer", setup.optimizer());
        json.put("kernels", setup.kernels().name());
        json.put("kernel_shape", setup.kernels().shape());
        json.put("vector_bits", setup.kernels().vectorBits());
        json.put("cpu", machine.cpu().model());
        if (machine.cpu().avx512() != CpuInfo.Avx512.UNKNOWN) {
            json.put("avx512", machine.cpu().avx512() == CpuInfo.Avx512.PRESENT);
        }
        json.put("samples_per_second", speed.samplesPerSecond());
        json.put("samples_per_second_runs", speed.runs());
        json.put("epoch_seconds", speed.epochSeconds());
        json.put("gflops", speed.gflops());
        json.put("flops_per_sample", speed.flopsPerSample());
        json.put("skipped_share", speed.skippedShare());
        if (setup.threads() > 1) {
            json.put("alone_share", speed.aloneShare());
        }
        if (!Double.isNaN(speed.startupSeconds())) {
            json.put("startup_seconds", speed.startupSeconds());
        }
        json.put("peak_gflops", machine.peakGflops());
        json.put("percent_of_peak", percentOfPeak());
        if (machine.peakRssMb() >= 0) {
            json.put("peak_rss_mb", machine.peakRssMb());
        }
        return json;
    }

    /**
     * The line above the text reports, saying where their figures come from: the CPU, the kernels
     * and the FMA peak of each thread count, e.g. {@code AMD EPYC 9R14 · AVX-512 · simd kernels:
     * 8×32 register tile, 512-bit vectors, depth blocks of 512 · FMA peak 113.8 GFLOP/s on 1 thread,
     * 227.4 on 2 threads}. {@code results} come from one run, so share their CPU and kernels.
     */
    static String header(List<BenchResult> results) {
        BenchResult first = results.get(0);
        StringBuilder line = new StringBuilder(first.machine.cpu().describe()).append(" · ")
                .append(first.setup.kernels().name()).append(" kernels").append(first.setup.kernels().detail())
                .append(" · FMA peak ");
        List<String> peaks = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (BenchResult result : results) {
            if (seen.add(result.setup.threads())) {
                peaks.add(String.format(Locale.ROOT, "%.1f%s on %s", result.machine.peakGflops(),
                        peaks.isEmpty() ? " GFLOP/s" : "", threads(result.setup.threads())));
            }
        }
        line.append(String.join(", ", peaks));
        return line.toString();
    }

    private static String threads(int count) {
        return count + (count == 1 ? " thread" : " threads");
    }

    /** The text report of one configuration. */
    void print(PrintWriter out, int repeats, int batches) {
        String threads = threads(setup.threads());
        out.printf(Locale.ROOT, "%s, batch %d, %s, %s kernels, %s%n", setup.layers(), setup.batch(), setup.optimizer(),
                setup.kernels().name(), threads);
        out.printf(Locale.ROOT, "  samples/s      %,d   (median of %d runs of %d batches: %s)%n",
                speed.samplesPerSecond(), repeats, batches, speed.runs());
        out.printf(Locale.ROOT, "  epoch          %.2f s per 60,000 images%n", speed.epochSeconds());
        out.printf(Locale.ROOT, "  arithmetic     %.1f GFLOP/s = %.1f %% of the FMA peak, %.1f GFLOP/s on %s,"
                + " measured now%n", speed.gflops(), percentOfPeak(), machine.peakGflops(), threads);
        if (speed.skippedShare() > 0) {
            out.printf(Locale.ROOT, "  left out       %.0f %% of the dense products' multiply-adds, on inputs blank in"
                    + " every sample of a batch; the rate above counts the rest%n", 100 * speed.skippedShare());
        }
        if (speed.aloneShare() > 0) {
            out.printf(Locale.ROOT, "  alone          %.0f %% of the time on the calling thread only: the other threads kept"
                    + " stalling it, as when the machine takes a core away%n", 100 * speed.aloneShare());
        }
        if (!Double.isNaN(speed.startupSeconds())) {
            out.printf(Locale.ROOT, "  start-up       %.2f s from JVM start to the first trained batch%n",
                    speed.startupSeconds());
        }
        if (machine.peakRssMb() >= 0) {
            out.printf(Locale.ROOT, "  peak memory    %d MB resident%n", machine.peakRssMb());
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
