package dev.glassbox.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What one shard's task sends back after a round.
 *
 * @param partition the shard's index
 * @param weights the network's parameters after the round, by name
 * @param optimizer the optimizer's arrays (momentum, Adam's moments), by name; empty once finished
 * @param state the shard's run state as JSON, to resume from next round; null once it has
 *     trained all its epochs
 * @param epoch the epoch the shard is in (or finished last)
 * @param batches minibatches trained this round
 * @param samples samples trained this round
 * @param lossSum Σ batch loss over this round's minibatches
 */
record ShardUpdate(
        int partition,
        Map<String, float[]> weights,
        Map<String, float[]> optimizer,
        String state,
        int epoch,
        int batches,
        long samples,
        double lossSum) implements Serializable {

    boolean finished() {
        return state == null;
    }
}
