package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Same seed and data → bit-identical weights, whatever the thread count. The first layer
 * (batch 50 × 256 neurons × 16 inputs ≈ 2·10⁵ multiply-adds) is big enough that 2 kernel
 * threads really split its rows; dropout makes the seed matter beyond shuffling.
 */
class TrainerDeterminismTest {
    private static final Dataset TRAIN = ToyImages.make("toy-train", 200, 11);
    private static final String SPEC = "16-256-relu-dropout0.2-3";

    /** Names of live kernel worker threads, seen from inside a run. */
    private static final Set<String> WORKERS = ConcurrentHashMap.newKeySet();

    private static float[][] train(long seed, int threads) {
        Network network = NetworkSpec.parse(SPEC).build(5);
        TrainingConfig config = TrainingConfig.builder()
                .epochs(3)
                .batchSize(50)
                .learningRate(0.01f)
                .seed(seed)
                .threads(threads)
                .build();
        new Trainer(config, KernelChoice.provider()).addListener(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch e) {
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(name -> name.startsWith("glassbox-kernel-")).forEach(WORKERS::add);
            }
        }).fit(network, TrainingData.of(TRAIN));
        return ToyImages.weights(network);
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        assertThat(train(1, 1)).isDeepEqualTo(train(1, 1));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        WORKERS.clear();
        float[][] twoThreads = train(1, 2);
        assertThat(WORKERS).as("the 2-thread run started kernel workers").isNotEmpty();
        assertThat(twoThreads).isDeepEqualTo(train(1, 1));
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        float[][] a = train(1, 1);
        float[][] b = train(2, 1);
        assertThat(Arrays.equals(a[0], b[0])).isFalse();
    }
}
