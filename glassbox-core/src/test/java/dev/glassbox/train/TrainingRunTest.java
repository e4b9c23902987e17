package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stepping a run batch by batch is the same training as {@link Trainer#fit}, and allocates nothing per batch. */
class TrainingRunTest {
    private static final Dataset TRAIN = ToyImages.make("toy-train", 230, 11);
    private static final Dataset TEST = ToyImages.make("toy-test", 60, 12);
    private static final String SPEC = "16-64-relu-32-sigmoid-dropout0.2-24-tanh-20-gelu-18-leakyrelu-12-identity-3";


    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(3).batchSize(32).learningRate(0.01f).seed(4).threads(2);
    }

    private static Network network() {
        return NetworkSpec.parse(SPEC).build(9);
    }

    @Test
    void steppingWithPausesGivesTheWeightsOfFit() {
        Network fitted = network();
        TrainingResult expected = new Trainer(config().build(), KernelChoice.provider()).fit(fitted, TrainingData.of(TRAIN).withTest(TEST));

        Network stepped = network();
        List<Integer> batchesSeen = new ArrayList<>();
        Trainer trainer = new Trainer(config().build(), KernelChoice.provider()).addListener(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch e) {
                batchesSeen.add(e.batch());
            }
        });
        try (TrainingRun run = trainer.start(stepped, TrainingData.of(TRAIN).withTest(TEST))) {
            assertThatThrownBy(run::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("not finished");
            int steps = 0;
            while (run.step()) {
                steps++;
                // Between steps the weights are consistent: reading them must not disturb the run.
                stepped.predict(Matrix.zeros(1, 16), KernelChoice.create(1));
            }
            assertThat(steps + 1).isEqualTo(3 * 8);
            assertThat(run.finished()).isTrue();
            assertThat(run.step()).as("a finished run does nothing more").isFalse();
            assertThat(run.result().epochs()).hasSize(3);
            assertThat(run.result().last().test().accuracy()).isEqualTo(expected.last().test().accuracy());
        }
        assertThat(batchesSeen).hasSize(24).startsWith(1, 2, 3).endsWith(7, 8);
        assertThat(ToyImages.weights(stepped)).isDeepEqualTo(ToyImages.weights(fitted));
    }

    @Test
    void aStopMidEpochEndsTheRunWithThePartialEpoch() {
        Trainer trainer = new Trainer(config().build(), KernelChoice.provider());
        try (TrainingRun run = trainer.start(network(), TrainingData.of(TRAIN))) {
            for (int i = 0; i < 10; i++) {
                assertThat(run.step()).isTrue();
            }
            trainer.requestStop();
            assertThat(run.step()).isFalse();
            assertThat(run.result().epochs()).hasSize(2);
            assertThat(run.steps()).isEqualTo(10);
        }
    }

    /** Uninterrupted, then stopped after {@code stopAfter} steps and resumed in a fresh trainer and network. */
    @ParameterizedTest(name = "stopped after {0} steps, {1}")
    @CsvSource({"5, adam", "8, momentum", "16, adam", "19, nesterov", "1, adamw"})
    void aResumedRunEndsWithTheWeightsOfTheRunLeftAlone(int stopAfter, String optimizer) {
        TrainingConfig config = config().optimizer(OptimizerConfig.of(optimizer)).epochs(4).build();
        TrainingData data = TrainingData.of(TRAIN).holdOut(40).withTest(TEST);
        Network alone = network();
        TrainingResult expected = new Trainer(config, KernelChoice.provider()).fit(alone, data);

        Network first = network();
        TrainingState saved;
        try (TrainingRun run = new Trainer(config, KernelChoice.provider()).start(first, data)) {
            for (int i = 0; i < stopAfter; i++) {
                run.step();
            }
            saved = run.state();
        }
        Network second = NetworkSpec.parse(SPEC).build(12345); // other weights, then the saved ones
        second.copyParametersFrom(first);
        TrainingResult resumed;
        try (TrainingRun run = new Trainer(config.toBuilder().threads(1).build(), KernelChoice.provider()).resume(second, data, saved)) {
            while (run.step()) {
                // to the end
            }
            resumed = run.result();
        }
        assertThat(ToyImages.weights(second)).isDeepEqualTo(ToyImages.weights(alone));
        assertThat(resumed.finished().bestEpoch()).isEqualTo(expected.finished().bestEpoch());
        assertThat(resumed.epochs()).extracting(TrainingEvents.Epoch::trainLoss)
                .containsExactlyElementsOf(expected.epochs().stream().map(TrainingEvents.Epoch::trainLoss).toList());
        assertThat(resumed.epochs()).extracting(e -> e.validation().accuracy())
                .containsExactlyElementsOf(expected.epochs().stream().map(e -> e.validation().accuracy()).toList());
    }

    @Test
    void resumingWithOtherSettingsIsRefused() {
        TrainingData data = TrainingData.of(TRAIN);
        TrainingState saved;
        Network network = network();
        try (TrainingRun run = new Trainer(config().build(), KernelChoice.provider()).start(network, data)) {
            run.step();
            saved = run.state();
        }
        assertThatThrownBy(() -> new Trainer(config().learningRate(0.5f).build(), KernelChoice.provider()).resume(network, data, saved))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Resume with the saved settings");
        assertThatThrownBy(() -> new Trainer(config().batchSize(64).build(), KernelChoice.provider()).resume(network, data, saved))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Allocation on the training thread between consecutive batch events, after a warm-up epoch:
     * nothing but the event record itself (64 bytes on a 64-bit JVM) — no matrices, arrays,
     * iterators or captured lambdas. Scalar kernels, because the interpreter boxes Vector API values until the
     * JIT compiles them; with 2 threads so the work is split.
     */
    @ParameterizedTest
    @CsvSource({"adam, cross-entropy", "momentum, mse", "nesterov, cross-entropy", "adamw, mse"})
    void theBatchLoopAllocatesOnlyTheEventRecord(String optimizer, String loss) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[3 * 8];
        int[] index = {0};
        TrainingConfig config = config().optimizer(OptimizerConfig.of(optimizer)).loss(loss)
                .clipNorm(1f).maxNorm(3f).build();
        new Trainer(config, KernelChoice.named("scalar")).addListener(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch e) {
                allocated[index[0]++] = threads.getCurrentThreadAllocatedBytes();
            }
        }).fit(network(), TrainingData.of(TRAIN).withTest(TEST));

        List<Long> perBatch = new ArrayList<>();
        for (int epoch = 1; epoch < 3; epoch++) {
            for (int b = 1; b < 8; b++) {
                int i = epoch * 8 + b;
                perBatch.add(allocated[i] - allocated[i - 1]);
            }
        }
        // A buffer or lambda made per batch would show in every batch; an occasional batch may
        // allocate when the JIT deoptimizes a method and materializes objects it had eliminated.
        assertThat(perBatch.stream().filter(bytes -> bytes > 64).count())
                .as("batches allocating more than the event record: %s", perBatch).isLessThanOrEqualTo(2);
    }
}
