package dev.glassbox.spark;

import dev.glassbox.cli.Main;
import dev.glassbox.cli.SweepCommand;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;

/**
 * Spark figures for BENCHMARKS.md (run by bench/spark.sh): training throughput by parameter
 * averaging on a standalone cluster of one and of two one-core workers on this machine, against
 * one thread training alone; and the wall time of a sweep run one trial after another, two at a
 * time on local threads, and as Spark tasks on the two workers.
 */
public final class SparkBench {
    private static final String NETWORK = "784-256-relu-128-relu-10";

    public static void main(String[] args) throws Exception {
        int repeats = 3;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --repeats N, --json FILE");
            }
        }
        MnistData mnist = LocalSpark.mnist();
        TrainingData data = TrainingData.of(mnist.train());
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(64).learningRate(0.02f)
                .optimizer(OptimizerConfig.of("momentum")).seed(1).threads(1).build();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("date", Instant.now().toString());
        figures.put("network", NETWORK);

        List<Double> alone = new ArrayList<>();
        for (int r = 0; r <= repeats; r++) {
            double rate = localSamplesPerSecond(config, data);
            if (r > 0) {
                alone.add(rate); // the first run warms up the JIT compiler
            }
        }
        System.out.printf(Locale.ROOT, "one thread, no Spark: %s samples/s, median %,.0f%n", list(alone), median(alone));
        figures.put("local_1_thread_samples_per_second", alone);

        Path scratch = Files.createTempDirectory("glassbox-spark-bench");
        try (StandaloneCluster cluster = new StandaloneCluster(scratch)) {
            cluster.addWorker(scratch);
            cluster.addWorker(scratch);
            for (int workers = 1; workers <= 2; workers++) {
                try (JavaSparkContext spark = new JavaSparkContext(cluster.driverConf("glassbox-bench")
                        .set("spark.cores.max", Integer.toString(workers)))) {
                    for (int k : new int[] {16, 64}) {
                        List<Double> rates = new ArrayList<>();
                        List<Double> roundSeconds = new ArrayList<>();
                        for (int r = 0; r <= repeats; r++) {
                            Network network = Network.of(NETWORK, 1);
                            List<Double> perRound = new ArrayList<>();
                            SparkTrainingResult result = new SparkTrainer(config,
                                    AveragingSettings.of(workers, k).withEvaluateEvery(0))
                                    .addListener(round -> perRound.add(round.seconds()))
                                    .fit(spark, network, data);
                            if (r > 0) { // the first run warms up the executors
                                rates.add(result.samplesPerSecond());
                                roundSeconds.add(median(perRound));
                            }
                        }
                        System.out.printf(Locale.ROOT, "%d worker%s, K = %d: %s samples/s over the epoch, median"
                                + " %,.0f; median round %.1f ms%n", workers, workers == 1 ? "" : "s", k, list(rates),
                                median(rates), 1000 * median(roundSeconds));
                        figures.put("cluster_" + workers + "_workers_k" + k + "_samples_per_second", rates);
                        figures.put("cluster_" + workers + "_workers_k" + k + "_round_seconds", roundSeconds);
                    }
                }
            }

            String[] sweep = {"--data", System.getProperty("glassbox.data"), "--epochs", "4", "--layers",
                NETWORK, "--optimizer", "momentum", "--grid", "learning-rate=0.01,0.03,0.1", "--grid",
                "batch-size=32,128"};
            double oneByOne = timeSweep(scratch.resolve("one-by-one"), sweep, null, "--parallel", "1");
            double twoAtOnce = timeSweep(scratch.resolve("two-at-once"), sweep, null, "--parallel", "2");
            double onSpark;
            try (JavaSparkContext spark = new JavaSparkContext(cluster.driverConf("glassbox-bench-sweep"))) {
                onSpark = timeSweep(scratch.resolve("spark"), sweep, spark);
            }
            System.out.printf(Locale.ROOT, "sweep of 6 trials: one after another (2 threads each) %.1f s; two at a"
                    + " time (1 thread each) %.1f s, %.2f×; as Spark tasks on 2 workers %.1f s, %.2f×%n", oneByOne,
                    twoAtOnce, oneByOne / twoAtOnce, onSpark, oneByOne / onSpark);
            figures.put("sweep_one_by_one_seconds", oneByOne);
            figures.put("sweep_two_at_once_seconds", twoAtOnce);
            figures.put("sweep_spark_2_workers_seconds", onSpark);
        }
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(figures).replace("\n", " ") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static double localSamplesPerSecond(TrainingConfig config, TrainingData data) {
        long[] samples = {0};
        long begin = System.nanoTime();
        new Trainer(config, KernelChoice.provider()).addListener(new TrainingListener() {
            @Override
            public void epoch(TrainingEvents.Epoch event) {
                samples[0] += data.train().size();
            }
        }).fit(Network.of(NETWORK, 1), data);
        return samples[0] / ((System.nanoTime() - begin) / 1e9);
    }

    /** Runs a sweep (on Spark when {@code spark} is given) and returns its wall time in seconds. */
    private static double timeSweep(Path out, String[] common, JavaSparkContext spark, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList(common));
        args.addAll(List.of(more));
        args.addAll(List.of("--out-dir", out.toString()));
        StringWriter err = new StringWriter();
        long begin = System.nanoTime();
        int code = Main.execute(new CommandLine(new SweepCommand(spark == null ? null : new SparkTrials(spark))),
                args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("sweep failed: " + err);
        }
        return seconds;
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList().toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
