package dev.glassbox.spark;

import java.io.Serializable;

/**
 * How a {@link SparkTrainer} spreads training over a cluster.
 *
 * @param partitions shards of the training set, each trained by its own copy of the network
 *     (one Spark task per shard and round)
 * @param averageEvery K: minibatches each copy trains between two averagings; 1 averages the
 *     gradient steps themselves (synchronous data-parallel SGD)
 * @param evaluateEvery evaluate the averaged network on the held-out set every this many rounds
 *     (and after the last); 0 only after the last
 * @param threadsPerTask kernel threads each task uses; 1 suits executors with one core per task
 */
public record AveragingSettings(int partitions, int averageEvery, int evaluateEvery, int threadsPerTask)
        implements Serializable {

    public AveragingSettings {
        if (partitions < 1 || averageEvery < 1 || evaluateEvery < 0 || threadsPerTask < 1) {
            throw new IllegalArgumentException("AveragingSettings: partitions " + partitions + ", averageEvery "
                    + averageEvery + " and threadsPerTask " + threadsPerTask + " must be ≥ 1, evaluateEvery "
                    + evaluateEvery + " ≥ 0");
        }
    }

    /** {@code partitions} shards averaged every {@code averageEvery} batches, evaluated every round. */
    public static AveragingSettings of(int partitions, int averageEvery) {
        return new AveragingSettings(partitions, averageEvery, 1, 1);
    }

    public AveragingSettings withEvaluateEvery(int rounds) {
        return new AveragingSettings(partitions, averageEvery, rounds, threadsPerTask);
    }

    public AveragingSettings withThreadsPerTask(int threads) {
        return new AveragingSettings(partitions, averageEvery, evaluateEvery, threads);
    }
}
