package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset TRAIN = ToyImages.make("toy-train", 200, 1);
    private static final Dataset TEST = ToyImages.make("toy-test", 150, 2);

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder()
                .epochs(15)
                .batchSize(16)
                .learningRate(0.02f)
                .schedule(new LearningRateSchedule.Constant())
                .optimizer(OptimizerConfig.of(OptimizerConfig.Kind.ADAM))
                .threads(1)
                .seed(7);
    }

    @Test
    void lossDecreasesAndAccuracyExceeds90Percent() {
        Network network = NetworkSpec.parse("16-8-relu-3").build(3);
        TrainingResult result = new Trainer(config().build(), KernelChoice.provider()).fit(network, TrainingData.of(TRAIN).withTest(TEST));
        double first = result.epochs().get(0).trainLoss();
        double last = result.last().trainLoss();
        assertThat(last).as("last epoch's loss vs the first's (%s)", first).isLessThan(first / 2);
        assertThat(result.last().test().accuracy()).isGreaterThan(0.9);
        assertThat(Evaluator.evaluate(network, config().build().loss(), TEST, KernelChoice.create(1)).accuracy()).isGreaterThan(0.9);
    }

    @Test
    void listenerSeesStartedBatchesEpochsFinishedInOrder() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void started(TrainingEvents.Started e) {
                events.add("started " + e.trainSize() + " " + e.batchesPerEpoch() + " " + e.network() + " " + e.kernels());
            }

            @Override
            public void batch(TrainingEvents.Batch e) {
                events.add("batch " + e.epoch() + "." + e.batch() + "/" + e.batchesPerEpoch() + " seen " + e.samplesSeen());
            }

            @Override
            public void epoch(TrainingEvents.Epoch e) {
                events.add("epoch " + e.epoch() + "/" + e.epochs());
            }

            @Override
            public void finished(TrainingEvents.Finished e) {
                events.add("finished " + e.epochsRun() + " best " + e.bestEpoch() + " early " + e.stoppedEarly());
            }
        };
        Network network = NetworkSpec.parse("16-8-relu-3").build(3);
        // 200 samples in batches of 32: 6 full batches and one of 8.
        new Trainer(config().epochs(2).batchSize(32).build(), KernelChoice.provider()).addListener(listener).fit(network, TrainingData.of(TRAIN));

        List<String> expected = new ArrayList<>();
        expected.add("started 200 7 16-8-relu-3 " + KernelChoice.implementationName());
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int b = 1; b <= 7; b++) {
                expected.add("batch " + epoch + "." + b + "/7 seen " + Math.min(200, 32 * b));
            }
            expected.add("epoch " + epoch + "/2");
        }
        expected.add("finished 2 best 2 early false");
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void hugeLearningRateThrowsDivergedNamingTheRate() {
        // A linear network under MSE with plain SGD at η = 10⁶: every step multiplies the error
        // by about η·|x|², so the outputs overflow to infinity within a few batches.
        Network network = NetworkSpec.parse("16-8-3").build(3);
        TrainingConfig diverging = config()
                .optimizer(OptimizerConfig.of(OptimizerConfig.Kind.SGD))
                .learningRate(1e6f)
                .loss("mse")
                .build();
        assertThatThrownBy(() -> new Trainer(diverging, KernelChoice.provider()).fit(network, TrainingData.of(TRAIN)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged at epoch 1")
                .hasMessageContaining("learning rate too high (it was 1000000.0");
    }

    @Test
    void rejectsDatasetWhoseFeaturesDoNotMatchTheNetwork() {
        Network network = NetworkSpec.parse("25-8-relu-3").build(3);
        assertThatThrownBy(() -> new Trainer(config().build(), KernelChoice.provider()).fit(network, TrainingData.of(TRAIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toy-train has 16 inputs per sample")
                .hasMessageContaining("the network 25-8-relu-3 expects 25")
                .hasMessageContaining("Make the first number of the layer spec");
    }

    @Test
    void rejectsMoreClassesThanOutputs() {
        Network network = NetworkSpec.parse("16-8-relu-2").build(3);
        assertThatThrownBy(() -> new Trainer(config().build(), KernelChoice.provider()).fit(network, TrainingData.of(TRAIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 classes, but the network 16-8-relu-2 has only 2 outputs");
    }

    @Test
    void rejectsOutputsThatCouldNeverBeTheAnswer() {
        Network network = NetworkSpec.parse("16-8-relu-5").build(3);
        assertThatThrownBy(() -> new Trainer(config().build(), KernelChoice.provider()).fit(network, TrainingData.of(TRAIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 5 outputs, but toy-train has only 3 classes: outputs 3–4 could never be"
                        + " the answer");
    }
}
