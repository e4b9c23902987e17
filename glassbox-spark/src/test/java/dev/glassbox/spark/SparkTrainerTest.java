package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.Evaluator;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameter averaging on Spark {@code local[2]}, against training on this machine alone. */
class SparkTrainerTest {
    private static JavaSparkContext spark;
    private static MnistData mnist;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]");
        mnist = LocalSpark.mnist();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static TrainingConfig config(int epochs, int batch, float rate) {
        return TrainingConfig.builder().epochs(epochs).batchSize(batch).learningRate(rate)
                .optimizer(OptimizerConfig.of("momentum")).seed(7).threads(1).build();
    }

    @Test
    void oneShardAveragedEveryStepIsLocalTrainingStepForStep() {
        Dataset train = mnist.train().slice("first 1200", 0, 1200);
        TrainingConfig config = config(2, 40, 0.05f);

        Network local = Network.of("784-32-relu-10", 3);
        List<Double> localLosses = new ArrayList<>();
        new Trainer(config, KernelChoice.provider()).addListener(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch event) {
                localLosses.add(event.loss());
            }
        }).fit(local, TrainingData.of(train));

        Network distributed = Network.of("784-32-relu-10", 3);
        List<Double> roundLosses = new ArrayList<>();
        SparkTrainingResult result = new SparkTrainer(config, AveragingSettings.of(1, 1).withEvaluateEvery(0))
                .addListener(round -> roundLosses.add(round.loss()))
                .fit(spark, distributed, TrainingData.of(train));

        assertThat(result.rounds()).hasSize(60);
        assertThat(roundLosses).hasSize(60).isEqualTo(localLosses);
        Map<String, float[]> expected = local.parameterValues();
        distributed.parameterValues().forEach((name, values) ->
                assertThat(values).as(name).containsExactly(expected.get(name)));
    }

    @Test
    void onATieInValidationAccuracyOneShardKeepsTheEpochLocalTrainingKeeps() {
        // Validation on three digits the network trains on: it gets all three right from the
        // first epoch, so the epochs tie on accuracy and only the loss (lowest at epoch 3, higher
        // at 2 than at 1) tells them apart; comparing accuracy alone kept epoch 1. Evaluating every
        // 30 rounds (an epoch of 1200 / 40 batches) gives the driver local training's evaluations.
        Dataset train = mnist.train().slice("first 1200", 0, 1200);
        TrainingData data = new TrainingData(train, train.slice("samples 3 to 5", 3, 6), null);
        TrainingConfig config = config(3, 40, 0.05f);

        Network local = Network.of("784-32-relu-10", 3);
        TrainingResult localResult = new Trainer(config, KernelChoice.provider()).fit(local, data);
        List<Double> accuracies = localResult.epochs().stream().map(e -> e.validation().accuracy()).toList();
        int bestEpoch = localResult.finished().bestEpoch();
        assertThat(bestEpoch).isGreaterThan(1);
        assertThat(accuracies.subList(0, bestEpoch - 1)).as("an earlier epoch ties with the best on accuracy")
                .contains(accuracies.get(bestEpoch - 1));

        Network distributed = Network.of("784-32-relu-10", 3);
        SparkTrainingResult result = new SparkTrainer(config, AveragingSettings.of(1, 1).withEvaluateEvery(30))
                .fit(spark, distributed, data);

        assertThat(result.bestRound()).isEqualTo(bestEpoch * 30);
        Map<String, float[]> expected = local.parameterValues();
        distributed.parameterValues().forEach((name, values) ->
                assertThat(values).as(name).containsExactly(expected.get(name)));
    }

    @Test
    void twoShardsOnTwoExecutorsLearnAsWellAsOneMachine() {
        TrainingData data = new TrainingData(mnist.train().slice("first 12000", 0, 12000), null, null).holdOut(2000);
        TrainingConfig config = config(3, 32, 0.05f);

        Network local = Network.of("784-64-relu-10", 5);
        new Trainer(config, KernelChoice.provider()).fit(local, data);
        double localAccuracy = Evaluator.evaluate(local, config.loss(), mnist.test(), KernelChoice.create(1)).accuracy();

        Network distributed = Network.of("784-64-relu-10", 5);
        List<Round> rounds = new ArrayList<>();
        SparkTrainingResult result = new SparkTrainer(config, AveragingSettings.of(2, 8).withEvaluateEvery(10))
                .addListener(rounds::add).fit(spark, distributed, data);
        double distributedAccuracy = Evaluator.evaluate(distributed, config.loss(), mnist.test(), KernelChoice.create(1)).accuracy();

        // 5,000 samples per shard: 157 batches an epoch, 471 in all, 8 per round.
        assertThat(result.rounds()).hasSize(59);
        assertThat(rounds.get(9).validation()).isNotNull();
        assertThat(rounds.get(0).validation()).isNull();
        assertThat(result.last().validation()).isNotNull();
        assertThat(result.rounds()).allSatisfy(r -> assertThat(r.samplesPerSecond()).isPositive());
        assertThat(result.rounds().stream().mapToLong(Round::samples).sum()).isEqualTo(3L * 10_000);
        // Averaging every 8 steps takes half as many (averaged) steps as one machine, so it lands
        // a little lower: 0.9 to 2 points below over network seeds 1, 2, 3 and 5.
        assertThat(distributedAccuracy).isGreaterThan(0.9)
                .isCloseTo(localAccuracy, org.assertj.core.data.Offset.offset(0.025));
    }

    @Test
    void theRunRepeatsExactly() {
        TrainingData data = TrainingData.of(mnist.train().slice("first 3000", 0, 3000));
        TrainingConfig config = config(1, 50, 0.05f);
        AveragingSettings settings = AveragingSettings.of(2, 5);
        Network a = Network.of("784-16-relu-10", 1);
        Network b = Network.of("784-16-relu-10", 1);
        new SparkTrainer(config, settings).fit(spark, a, data);
        new SparkTrainer(config, settings).fit(spark, b, data);
        Map<String, float[]> first = a.parameterValues();
        b.parameterValues().forEach((name, values) -> assertThat(values).containsExactly(first.get(name)));
    }

    @Test
    void patienceCountsEvaluationsWithoutImprovement() {
        TrainingData data = TrainingData.of(mnist.train().slice("first 2000", 0, 2000)).holdOut(500);
        // A rate too small to change any prediction: validation accuracy never improves after the first round.
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(50).learningRate(1e-12f)
                .optimizer(OptimizerConfig.of("sgd")).seed(7).threads(1).patience(2).build();
        SparkTrainingResult result = new SparkTrainer(config, AveragingSettings.of(2, 5))
                .fit(spark, Network.of("784-8-10", 1), data);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.rounds()).hasSize(3);
        assertThat(result.bestRound()).isEqualTo(1);
    }

    @Test
    void moreShardsThanSamplesIsNamed() {
        TrainingData data = TrainingData.of(mnist.train().slice("three", 0, 3));
        assertThatThrownBy(() -> new SparkTrainer(config(1, 2, 0.1f), AveragingSettings.of(4, 1))
                .fit(spark, Network.of("784-4-10", 1), data))
                .hasMessageContaining("has 3 samples, fewer than the 4 partitions");
    }
}
