package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.jvm.kernels.CpuInfo;
import dev.glassbox.jvm.kernels.FmaPeak;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Dense;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassbox bench}: training throughput on MNIST for a fixed number of batches, against the
 * machine's FMA peak measured in the same run, each figure with the CPU and kernels it came from.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a network on MNIST for a fixed number of batches and prints samples/s, seconds per"
                + " epoch, achieved GFLOP/s and the share of the machine's FMA peak, measured in the same run,"
                + " under a line naming the CPU, whether it has AVX-512, the kernels' shape and the FMA peak.",
            "The default is the W1 workload: 784-512-256-10 ReLU, SGD with momentum, batch 128."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"-l", "--layers"}, paramLabel = "SPEC", defaultValue = "784-512-256-10",
            description = "Network, as for train; hidden layers without an activation get ReLU."
                    + " Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = {"-b", "--batch"}, paramLabel = "N", defaultValue = "128",
            description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = {"-t", "--threads"}, paramLabel = "N[,N…]", split = ",",
            description = "Threads; a list (1,2) measures each, repeats interleaved so that all see the same"
                    + " machine. Default: the number of cores.")
    List<Integer> threads;

    @Option(names = {"-o", "--optimizer"}, paramLabel = "NAME[,NAME…]", split = ",", defaultValue = "momentum",
            description = "sgd, momentum, nesterov, adam or adamw. Default: ${DEFAULT-VALUE}.")
    List<String> optimizer;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "300",
            description = "Batches timed per repeat. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
            description = "Training run first, untimed, until the JIT compiler has done its work (on 2 cores"
                    + " its compiler threads take CPU from training for several seconds). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Timed repeats; the median is reported. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object per configuration instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--widths", paramLabel = "W,W,…", split = ",",
            description = "Sweep: run once per width W with every hidden layer of --layers set to W"
                    + " (784-W-W-10 by default), to show how the cost grows with the work.")
    List<Integer> widths;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "With --widths: draw samples/s and GFLOP/s against the width.")
    Path plot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch < 1 || batches < 2 || !(warmup >= 0) || repeats < 1) {
            throw new UsageException("bench: --batch ≥ 1, --batches ≥ 2, --warmup ≥ 0 and --repeats ≥ 1 please");
        }
        if (plot != null && widths == null) {
            throw new UsageException("bench: --plot draws a --widths sweep; add --widths 64,128,256,512,1024");
        }
        List<Integer> threadCounts = threads == null ? List.of(Runtime.getRuntime().availableProcessors()) : threads;
        if (threadCounts.stream().anyMatch(t -> t < 1 || t > 1024)) {
            throw new UsageException("bench: --threads must be 1..1024, got " + threadCounts);
        }
        NetworkSpec networkSpec = UsageException.wrap(() -> NetworkSpec.parse(layers, Activation.RELU));
        List<OptimizerConfig> optimizers = new ArrayList<>();
        for (String name : optimizer) {
            optimizers.add(UsageException.wrap(() -> OptimizerConfig.of(name)));
        }
        List<NetworkSpec> specs = new ArrayList<>();
        if (widths == null) {
            specs.add(networkSpec);
        } else {
            for (int width : widths) {
                specs.add(UsageException.wrap(() -> withHiddenWidth(networkSpec, width)));
            }
        }
        KernelChoice.warmUpInBackground(DataOptions.WARM_UP_MILLIS); // overlaps with loading the data
        MnistData data = dataOptions.load(spec.commandLine().getErr());
        Dataset train = data.train();
        if ((long) batches * batch > train.size()) {
            throw new UsageException("bench: --batches × --batch must fit in the " + train.size() + " training images");
        }
        KernelDescription kernels = KernelDescription.current();
        List<Run> runs = new ArrayList<>();
        for (NetworkSpec each : specs) {
            for (OptimizerConfig optimizerConfig : optimizers) {
                for (int threadCount : threadCounts) {
                    runs.add(new Run(each, optimizerConfig, threadCount, train));
                }
            }
        }
        // Each thread count's peak is measured, not scaled from another's: cores that share a
        // package or a power budget need not add up. Measured before and after the runs and the
        // higher kept: on a shared machine a single measurement can land in a minute when a core is
        // taken away.
        Map<Integer, Double> peaks = new LinkedHashMap<>();
        measurePeaks(threadCounts, peaks);
        // Interleaved: a noisy minute on a shared machine hurts every configuration alike.
        for (int r = 0; r < repeats; r++) {
            for (Run run : runs) {
                run.time(r);
            }
        }
        measurePeaks(threadCounts, peaks);
        long rss = peakResidentBytes();
        List<BenchResult> results = new ArrayList<>();
        for (Run run : runs) {
            results.add(run.result(kernels, new BenchResult.Machine(CpuInfo.current(),
                    BenchResult.round(peaks.get(run.threadCount), 1), rss > 0 ? Math.round(rss / 1048576.0) : -1)));
        }
        if (!json) {
            out.println(BenchResult.header(results));
        }
        for (BenchResult result : results) {
            if (json) {
                out.println(Json.write(result.toJson()));
            } else {
                result.print(out, repeats, batches);
            }
        }
        if (plot != null) {
            WidthPlot.write(plot, widths, results);
            out.println("Plot: " + plot);
        }
        out.flush();
        return Main.OK;
    }

    /** Measures the FMA peak on each of {@code threadCounts}, keeping in {@code best} the highest seen. */
    private static void measurePeaks(List<Integer> threadCounts, Map<Integer, Double> best) {
        for (int threadCount : threadCounts.stream().distinct().toList()) {
            best.merge(threadCount, FmaPeak.measureGflops(threadCount, 1000), Math::max);
        }
    }

    /** The same network with every hidden layer {@code width} wide. */
    private static NetworkSpec withHiddenWidth(NetworkSpec spec, int width) {
        List<NetworkSpec.Step> steps = new ArrayList<>(spec.steps());
        int last = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof NetworkSpec.DenseStep) {
                last = i;
            }
        }
        for (int i = 0; i < last; i++) {
            if (steps.get(i) instanceof NetworkSpec.DenseStep) {
                steps.set(i, new NetworkSpec.DenseStep(width));
            }
        }
        return new NetworkSpec(spec.inputSize(), steps);
    }

    /** Seconds from JVM start to the end of the process's first trained batch; −1 until then. */
    private double firstBatchSinceJvmStart = -1;

    /** One configuration: warmed up when created, then timed {@code repeats} times; the median counts. */
    private final class Run {
        private final Network network;
        private final OptimizerConfig optimizerConfig;
        private final int threadCount;
        private final Dataset train;
        private final Trainer trainer;
        private final Timing timing = new Timing();
        private final double startup;
        private final double[] rates = new double[repeats];
        /**
         * The kernels the trainer opened last: each fit opens its own, so after a timed fit they
         * count the multiply-adds that fit left out. Only the last is kept, so that the warm-up's
         * closed kernels and their buffers can go.
         */
        private Kernels lastOpened;
        private long skipped;
        /** Of the timed runs, the time the calling thread worked alone, and in all. */
        private long aloneNanos;
        private long timedNanos;

        Run(NetworkSpec networkSpec, OptimizerConfig optimizerConfig, int threadCount, Dataset train) {
            this.network = networkSpec.build(1);
            this.optimizerConfig = optimizerConfig;
            this.threadCount = threadCount;
            this.train = train;
            TrainingConfig config = TrainingConfig.builder()
                    .epochs(1)
                    .batchSize(batch)
                    .learningRate(0.01f)
                    .schedule(new LearningRateSchedule.Constant())
                    .optimizer(optimizerConfig)
                    .threads(threadCount)
                    .build();
            KernelProvider provider = KernelChoice.provider();
            this.trainer = new Trainer(config, threads -> {
                lastOpened = provider.open(threads);
                return lastOpened;
            }).addListener(timing);
            long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
            TrainingData warmupData = TrainingData.of(train.slice("warm-up", 0, batches * batch));
            do {
                trainer.fit(network, warmupData);
            } while (System.nanoTime() < warmupEnd);
            this.startup = firstBatchSinceJvmStart < 0 ? timing.firstBatchSinceJvmStart : firstBatchSinceJvmStart;
            firstBatchSinceJvmStart = startup;
        }

        void time(int repeat) {
            int samples = batches * batch;
            timing.reset();
            // A different slice each time, so the timed batches are real, varied MNIST data.
            int from = (repeat * samples) % (train.size() - samples + 1);
            lastOpened = null;
            long begin = System.nanoTime();
            trainer.fit(network, TrainingData.of(train.slice("bench", from, from + samples)));
            timedNanos += System.nanoTime() - begin;
            rates[repeat] = timing.samplesPerSecond();
            skipped += lastOpened == null ? 0 : lastOpened.skippedMultiplyAdds();
            aloneNanos += lastOpened == null ? 0 : lastOpened.aloneNanos();
        }

        BenchResult result(KernelDescription kernels, BenchResult.Machine machine) {
            double samplesPerSecond = median(rates);
            double denseFlops = flopsPerSample(network);
            double skippedShare = Math.min(1, 2.0 * skipped / (denseFlops * batches * batch * repeats));
            double flopsPerSample = denseFlops * (1 - skippedShare);
            BenchResult.Setup setup = new BenchResult.Setup(network.spec().toString(), batch, threadCount,
                    optimizerConfig.kind().specName(), kernels);
            BenchResult.Speed speed = new BenchResult.Speed(Math.round(samplesPerSecond),
                    Arrays.stream(rates).mapToObj(Math::round).toList(), BenchResult.round(60_000 / samplesPerSecond, 3),
                    BenchResult.round(samplesPerSecond * flopsPerSample / 1e9, 1), Math.round(flopsPerSample),
                    startup > 0 ? BenchResult.round(startup, 3) : Double.NaN, BenchResult.round(skippedShare, 3),
                    BenchResult.round(Math.min(1, (double) aloneNanos / timedNanos), 3));
            return new BenchResult(setup, speed, machine);
        }
    }

    /**
     * Multiply-adds of one training sample, ×2: each dense layer's forward product, its weight
     * gradient, and its input gradient (not computed for the first layer).
     */
    static double flopsPerSample(Network network) {
        double flops = 0;
        boolean first = true;
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense d) {
                double macs = (double) d.inputSize() * d.outputSize();
                flops += 2 * macs * (first ? 2 : 3);
                first = false;
            }
        }
        return flops;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The process's peak resident set (VmHWM) where Linux reports it, else 0. */
    private static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return 0;
    }

    /** Times the batches of one fit: from the end of the first to the end of the last. */
    private static final class Timing implements TrainingListener {
        private long firstNanos;
        private long lastNanos;
        private long firstSeen;
        private long lastSeen;
        double firstBatchSinceJvmStart = -1;

        void reset() {
            firstNanos = 0;
        }

        @Override
        public void batch(TrainingEvents.Batch e) {
            long now = System.nanoTime();
            if (firstBatchSinceJvmStart < 0) {
                long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
                firstBatchSinceJvmStart = (System.currentTimeMillis() - startMillis) / 1000.0;
            }
            if (firstNanos == 0) {
                firstNanos = now;
                firstSeen = e.samplesSeen();
            }
            lastNanos = now;
            lastSeen = e.samplesSeen();
        }

        double samplesPerSecond() {
            return (lastSeen - firstSeen) / ((lastNanos - firstNanos) / 1e9);
        }
    }
}
