package dev.glassbox.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration's figures from {@code glassbox bench}: what was run, how fast, and how that
 * compares with the machine measured in the same run.
 *
 * @param setup the network, batch, threads, optimizer and kernels
 * @param speed the median run's figures and every run's samples/s
 * @param machine the FMA peak measured in the same run, and the process's peak memory
 */
record BenchResult(Setup setup, Speed speed, Machine machine) {

    /** What was timed. */
    record Setup(String layers, int batch, int threads, String optimizer, String kernels) {}

    /**
     * How fast it trained.
     *
     * @param runs every timed run's samples/s; {@code samplesPerSecond} is their median
     * @param startupSeconds from JVM start to the first trained batch, or NaN when not measured
     */
    record Speed(long samplesPerSecond, List<Long> runs, double epochSeconds, double gflops, long flopsPerSample,
            double startupSeconds) {
        Speed {
            runs = List.copyOf(runs);
        }
    }

    /**
     * The yardstick.
     *
     * @param peakGflops the FMA peak on this configuration's threads, measured in the same run
     * @param peakRssMb the process's peak resident memory, or −1 when the system does not say
     */
    record Machine(double peakGflops, long peakRssMb) {}

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
        json.put("kernels", setup.kernels());
        json.put("samples_per_second", speed.samplesPerSecond());
        json.put("samples_per_second_runs", speed.runs());
        json.put("epoch_seconds", speed.epochSeconds());
        json.put("gflops", speed.gflops());
        json.put("flops_per_sample", speed.flopsPerSample());
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

    /** The text report of one configuration. */
    void print(PrintWriter out, int repeats, int batches) {
        String threads = setup.threads() + (setup.threads() == 1 ? " thread" : " threads");
        out.printf(Locale.ROOT, "%s, batch %d, %s, %s kernels, %s%n", setup.layers(), setup.batch(), setup.optimizer(),
                setup.kernels(), threads);
        out.printf(Locale.ROOT, "  samples/s      %,d   (median of %d runs of %d batches: %s)%n",
                speed.samplesPerSecond(), repeats, batches, speed.runs());
        out.printf(Locale.ROOT, "  epoch          %.2f s per 60,000 images%n", speed.epochSeconds());
        out.printf(Locale.ROOT, "  arithmetic     %.1f GFLOP/s = %.1f %% of the FMA peak, %.1f GFLOP/s on %s,"
                + " measured now%n", speed.gflops(), percentOfPeak(), machine.peakGflops(), threads);
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
