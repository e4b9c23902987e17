package dev.glassbox.train;

import java.util.List;

/**
 * What a run produced; the network passed to {@link Trainer#fit} now holds the weights of
 * {@code bestEpoch}.
 *
 * @param epochs one record per epoch that ran
 * @param finished the closing summary
 */
public record TrainingResult(List<TrainingEvents.Epoch> epochs, TrainingEvents.Finished finished) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The record of the epoch whose weights the network kept. */
    public TrainingEvents.Epoch best() {
        return epochs.get(finished.bestEpoch() - 1);
    }

    public TrainingEvents.Epoch last() {
        return epochs.get(epochs.size() - 1);
    }
}
