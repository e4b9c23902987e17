package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.Evaluator;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback (a master and two workers, each its own JVM):
 * the jar's entry point trains on it, and a run survives one worker being killed.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterTest {
    private Path scratch;
    private StandaloneCluster cluster;
    private MnistData mnist;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        scratch = dir;
        cluster = new StandaloneCluster(scratch);
        cluster.addWorker(scratch);
        cluster.addWorker(scratch);
        mnist = LocalSpark.mnist();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theSubmittedJobTrainsAModelOnTheCluster() {
        Path model = scratch.resolve("cluster.safetensors");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (JavaSparkContext spark = new JavaSparkContext(cluster.driverConf("glassbox-cluster-test"))) {
            code = SparkMain.run(spark, new String[] {"train", "--data", System.getProperty("glassbox.data"),
                "--subset", "12000", "--validation", "2000", "--layers", "784-64-10", "--optimizer", "momentum",
                "--learning-rate", "0.05", "--epochs", "2", "--partitions", "2", "--average-every", "8",
                "--out", model.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        }
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("in 2 shards of about 5,000 on Spark " + cluster.url())
                .contains("Test accuracy:");
        SavedModel saved = ModelFiles.load(model);
        assertThat(saved.metadata()).containsKey("glassbox.spark");
        double accuracy = Evaluator.evaluate(saved.network(), TrainingConfig.builder().build().loss(),
                mnist.test(), KernelChoice.create(1)).accuracy();
        assertThat(accuracy).isGreaterThan(0.9);
    }

    @Test
    void aRunSurvivesAWorkerKilledMidwayAndEndsWithTheSameWeights() throws Exception {
        TrainingData data = TrainingData.of(mnist.train().slice("first 8000", 0, 8000));
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(50).learningRate(0.05f)
                .optimizer(OptimizerConfig.of("momentum")).seed(11).threads(1).build();
        AveragingSettings settings = AveragingSettings.of(2, 4).withEvaluateEvery(0);

        Network undisturbed = Network.of("784-32-relu-10", 2);
        try (JavaSparkContext local = LocalSpark.start("local[2]")) {
            new SparkTrainer(config, settings).fit(local, undisturbed, data);
        }

        Network survivor = Network.of("784-32-relu-10", 2);
        CountDownLatch fewRoundsDone = new CountDownLatch(5);
        AtomicInteger roundsAfterKill = new AtomicInteger();
        CountDownLatch killed = new CountDownLatch(1);
        try (JavaSparkContext spark = new JavaSparkContext(cluster.driverConf("glassbox-kill-test"))) {
            CompletableFuture<SparkTrainingResult> run = CompletableFuture.supplyAsync(() ->
                    new SparkTrainer(config, settings).addListener(round -> {
                        fewRoundsDone.countDown();
                        if (killed.getCount() == 0) {
                            roundsAfterKill.incrementAndGet();
                        }
                    }).fit(spark, survivor, data));
            assertThat(fewRoundsDone.await(120, TimeUnit.SECONDS)).as("five rounds on the cluster").isTrue();
            cluster.killWorker(2);
            killed.countDown();
            SparkTrainingResult result = run.get(300, TimeUnit.SECONDS);
            assertThat(result.rounds()).hasSize(60);
            assertThat(roundsAfterKill.get()).isGreaterThan(10);
        }
        // The run is deterministic: the re-run tasks gave what the lost ones would have.
        Map<String, float[]> expected = undisturbed.parameterValues();
        survivor.parameterValues().forEach((name, values) ->
                assertThat(values).as(name).containsExactly(expected.get(name)));
    }
}
