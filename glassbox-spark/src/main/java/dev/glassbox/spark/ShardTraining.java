package dev.glassbox.spark;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.TrainingStateJson;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.tensor.Rng;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingRun;
import dev.glassbox.train.TrainingState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A round on one shard, run inside a Spark task: the shard's own training run, resumed from its
 * saved state with the shared weights, advanced K minibatches, then saved again. Resuming is exact
 * (as for checkpoints), so a shard's run differs from local training only by the averaging:
 * with one shard and K = 1 it is local training, step for step.
 */
final class ShardTraining {
    private ShardTraining() {}

    static ShardUpdate train(Dataset shard, int partition, String configJson, String spec, SharedWeights shared,
            String state, int k) {
        TrainingConfig config = shardConfig(TrainingStateJson.readConfig(configJson), partition);
        Network network = NetworkSpec.parse(spec).build(0);
        network.setParameterValues(shared.weights());
        TrainingData data = TrainingData.of(shard);
        TrainingState saved = state == null ? null : TrainingStateJson.read(state, shared.optimizer(), Map.of());
        Counter counter = new Counter(saved == null ? 0 : saved.epochSoFar().seen());
        Trainer trainer = new Trainer(config, KernelChoice.provider()).addListener(counter);
        try (TrainingRun run = saved == null ? trainer.start(network, data) : trainer.resume(network, data, saved)) {
            for (int i = 0; i < k && run.step(); i++) {
                // each step trains one minibatch
            }
            String next = null;
            Map<String, float[]> optimizer = Map.of();
            if (!run.finished()) {
                TrainingState now = run.state();
                next = TrainingStateJson.write(now);
                optimizer = now.optimizer().arrays();
            }
            return new ShardUpdate(partition, network.parameterValues(), new LinkedHashMap<>(optimizer), next,
                    run.epoch(), counter.batches, counter.samples, counter.lossSum);
        }
    }

    /**
     * Shard 0 keeps the run's seed, so one shard reproduces local training; the others get
     * their own shuffling and dropout streams.
     */
    static TrainingConfig shardConfig(TrainingConfig config, int partition) {
        long seed = partition == 0 ? config.seed() : Rng.mix(config.seed(), partition, 0x5eed);
        return config.toBuilder().seed(seed).build();
    }

    /** Counts what the round trained. */
    private static final class Counter implements TrainingListener {
        private long seenInEpoch;
        int batches;
        long samples;
        double lossSum;

        Counter(long seenInEpoch) {
            this.seenInEpoch = seenInEpoch;
        }

        @Override
        public void batch(TrainingEvents.Batch event) {
            if (event.batch() == 1) {
                seenInEpoch = 0;
            }
            samples += event.samplesSeen() - seenInEpoch;
            seenInEpoch = event.samplesSeen();
            batches++;
            lossSum += event.loss();
        }
    }
}
