package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceAndRestoresTheBestEpoch() {
        // The validation set has every label shifted to the next class, so the better the network
        // learns the training set, the worse it does on validation: the best epoch comes early
        // and `patience` epochs without improvement follow.
        Network network = NetworkSpec.parse("16-8-relu-3").build(3);
        TrainingData data = TrainingData.of(ToyImages.make("toy-train", 200, 1))
                .withValidation(ToyImages.mislabelled("validation", 100, 2));
        TrainingConfig config = TrainingConfig.builder()
                .epochs(40)
                .batchSize(16)
                .learningRate(0.02f)
                .schedule(new LearningRateSchedule.Constant())
                .patience(3)
                .threads(1)
                .seed(7)
                .build();
        Map<Integer, float[][]> weightsAfter = new HashMap<>();
        TrainingResult result = new Trainer(config, KernelChoice.provider())
                .addListener(new TrainingListener() {
                    @Override
                    public void epoch(TrainingEvents.Epoch e) {
                        weightsAfter.put(e.epoch(), ToyImages.weights(network));
                    }
                })
                .fit(network, data);

        TrainingEvents.Finished finished = result.finished();
        assertThat(finished.stoppedEarly()).isTrue();
        assertThat(finished.epochsRun()).isLessThan(40).isEqualTo(finished.bestEpoch() + 3);
        assertThat(result.best().improved()).isTrue();
        assertThat(result.epochs().subList(finished.bestEpoch(), finished.epochsRun()))
                .allSatisfy(e -> assertThat(e.improved()).isFalse());
        // The network holds the best epoch's weights again, not the last epoch's.
        assertThat(ToyImages.weights(network)).isDeepEqualTo(weightsAfter.get(finished.bestEpoch()));
        assertThat(Arrays.deepEquals(ToyImages.weights(network), weightsAfter.get(finished.epochsRun()))).isFalse();
        assertThat(Evaluator.evaluate(network, config.loss(), data.validation(), KernelChoice.create(1)).accuracy())
                .isEqualTo(result.best().validation().accuracy());
    }
}
