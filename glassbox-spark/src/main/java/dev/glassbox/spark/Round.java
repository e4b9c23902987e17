package dev.glassbox.spark;

import dev.glassbox.train.Evaluation;

/**
 * One round of parameter averaging: every shard trained up to K minibatches from the same
 * weights, then the weights were averaged.
 *
 * @param round 1-based
 * @param rounds rounds in the whole run
 * @param epoch the epoch the shards were in at the round's end (1-based)
 * @param loss mean training loss over the round's minibatches, all shards
 * @param validation the averaged network on the held-out set, or null if not evaluated this round
 * @param samples training samples the round processed, all shards
 * @param seconds the round's wall time on the driver, from broadcast to averaged weights (not
 *     counting the evaluation)
 * @param samplesPerSecond {@code samples / seconds}: throughput across the cluster
 * @param improved whether validation accuracy reached a new best (its weights are kept)
 */
public record Round(
        int round,
        int rounds,
        int epoch,
        double loss,
        Evaluation validation,
        long samples,
        double seconds,
        double samplesPerSecond,
        boolean improved) {}
