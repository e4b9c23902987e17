package dev.glassbox.spark;

import dev.glassbox.cli.Main;
import dev.glassbox.cli.OutputFiles;
import dev.glassbox.cli.RunOptions;
import dev.glassbox.cli.UsageException;
import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train} on Spark: the options of {@code glassbox train}, the shards trained by parameter averaging. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains a network on a Spark cluster by parameter averaging: the training set is cut into --partitions",
            "shards, each trains a copy of the network for --average-every minibatches, then the copies are averaged.",
            "Takes the options of 'glassbox train'; saves the same model file."
        })
final class SparkTrainCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "A folder holding the four IDX files (MNIST layout), on any file system Spark reads"
                    + " (hdfs://…, s3a://…, or a local path on the driver).")
    String data;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Shards of the training set, one task each per round. Default: the cluster's task slots.")
    Integer partitions;

    @Option(names = "--average-every", paramLabel = "K", defaultValue = "32",
            description = "Minibatches each shard trains between two averagings (1 = average every step)."
                    + " Default: ${DEFAULT-VALUE}.")
    int averageEvery;

    @Option(names = "--evaluate-every", paramLabel = "ROUNDS",
            description = "Evaluate the averaged network on the validation set every this many rounds."
                    + " Default: once per epoch.")
    Integer evaluateEvery;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.safetensors",
            description = "Where to save the model, on the driver (written atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final JavaSparkContext spark;

    SparkTrainCommand(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.requireReplaceable("--out", this.out, "model.safetensors"); // before the cluster's work
        int shards = partitions == null ? spark.defaultParallelism() : partitions;
        if (shards < 1 || averageEvery < 1 || evaluateEvery != null && evaluateEvery < 0) {
            throw new UsageException("--partitions and --average-every must be ≥ 1, --evaluate-every ≥ 0");
        }
        int taskThreads = spark.getConf().getInt("spark.task.cpus", 1);
        TrainingConfig config = options.config().toBuilder().threads(taskThreads).build();
        NetworkSpec networkSpec = options.networkSpec();
        MnistData mnist = MnistFolder.load(Path.of(data));
        TrainingData trainingData = options.trainingData(mnist);
        if (trainingData.train().size() < shards) {
            throw new UsageException("--partitions " + shards + " is more than the " + trainingData.train().size()
                    + " training images");
        }
        Network network = options.build(networkSpec);
        int shardSize = trainingData.train().size() / shards;
        int batchesPerEpoch = (shardSize + config.batchSize() - 1) / config.batchSize();
        int roundsPerEpoch = Math.max(1, (batchesPerEpoch + averageEvery - 1) / averageEvery);
        AveragingSettings settings = new AveragingSettings(shards, averageEvery,
                evaluateEvery == null ? roundsPerEpoch : evaluateEvery, taskThreads);

        out.printf(Locale.ROOT, "Training %s (%,d parameters) on %,d images in %d shards of about %,d on Spark %s%n",
                networkSpec, network.parameterCount(), trainingData.train().size(), shards, shardSize, spark.master());
        out.printf(Locale.ROOT, "  %s, learning rate %s (%s), batch %d per shard (%d across shards), averaged every %d"
                + " batches, %d epochs, seed %d%n", config.optimizer(), config.learningRate(), config.schedule(),
                config.batchSize(), config.batchSize() * shards, averageEvery, config.epochs(), config.seed());
        out.flush();
        SparkTrainingResult result = new SparkTrainer(config, settings).addListener(round -> {
            if (round.validation() != null) {
                out.printf(Locale.ROOT, "round %4d/%d  epoch %3d  loss %.4f  validation %.2f %%  %,.0f samples/s%s%n",
                        round.round(), round.rounds(), round.epoch(), round.loss(),
                        100 * round.validation().accuracy(), round.samplesPerSecond(), round.improved() ? "  *" : "");
                out.flush();
            }
        }).fit(spark, network, trainingData.withTest(null));

        Evaluation test;
        try (Kernels kernels = KernelChoice.create(Runtime.getRuntime().availableProcessors())) {
            test = Evaluator.evaluate(network, config.loss(), mnist.test(), kernels);
        }
        Map<String, String> metadata = options.provenance(config, networkSpec, mnist, data);
        metadata.put("glassbox.spark", String.format(Locale.ROOT,
                "{\"partitions\": %d, \"average_every\": %d, \"rounds\": %d, \"best_round\": %d}", shards,
                averageEvery, result.rounds().size(), result.bestRound()));
        metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        ModelFiles.save(this.out, network, metadata);
        out.printf(Locale.ROOT, "%nTest accuracy: %.2f %% (%,d errors of %,d)%n", 100 * test.accuracy(), test.errors(),
                test.size());
        out.printf(Locale.ROOT, "Kept round %d of %d%s; %,.0f samples/s across the cluster, %.1f s in all%n",
                result.bestRound(), result.rounds().size(), result.stoppedEarly() ? " (stopped early)" : "",
                result.samplesPerSecond(), result.seconds());
        out.printf(Locale.ROOT, "Saved %s%n", this.out);
        return Main.OK;
    }
}
