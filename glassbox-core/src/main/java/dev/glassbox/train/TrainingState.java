package dev.glassbox.train;

import dev.glassbox.optim.OptimizerState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link TrainingRun} needs, besides the network's weights, to continue exactly
 * where it was: taken with {@link TrainingRun#state()} between two steps and given to
 * {@link Trainer#resume}. A resumed run produces the same weights, bit for bit, as the run left
 * alone.
 *
 * @param config the run's settings
 * @param epoch the epoch in progress (1-based) if {@code batch > 0}, else the last one finished (0 at the start)
 * @param batch batches done in the epoch in progress; 0 between epochs
 * @param step batches done over all epochs
 * @param epochRandom the shuffling generator's state before it shuffled the epoch in progress
 *     (or, between epochs, before it shuffles the next)
 * @param dropoutRandom the dropout generator's state
 * @param epochLossSum Σ batch loss × batch size so far in the epoch in progress
 * @param epochCorrect correct predictions so far in the epoch in progress
 * @param epochSeen samples so far in the epoch in progress
 * @param epochNanos training time so far in the epoch in progress
 * @param elapsedNanos wall time of the run so far, across resumptions
 * @param bestEpoch the epoch with the best validation result so far (0: none yet)
 * @param sinceBest epochs since then
 * @param history one record per finished epoch
 * @param optimizer the optimizer's state
 * @param bestWeights the weights of {@code bestEpoch} by parameter name when a validation set picks
 *     the best epoch; else empty
 */
public record TrainingState(
        TrainingConfig config,
        int epoch,
        int batch,
        long step,
        long epochRandom,
        long dropoutRandom,
        double epochLossSum,
        long epochCorrect,
        long epochSeen,
        long epochNanos,
        long elapsedNanos,
        int bestEpoch,
        int sinceBest,
        List<TrainingEvents.Epoch> history,
        OptimizerState optimizer,
        Map<String, float[]> bestWeights) {

    public TrainingState {
        if (config == null || history == null || optimizer == null || bestWeights == null) {
            throw new IllegalArgumentException("TrainingState: config, history, optimizer and bestWeights are required");
        }
        if (epoch < 0 || batch < 0 || step < 0 || epochSeen < 0 || bestEpoch < 0 || sinceBest < 0) {
            throw new IllegalArgumentException("TrainingState: negative counter in epoch " + epoch + ", batch " + batch
                    + ", step " + step);
        }
        if (batch > 0 ? history.size() != epoch - 1 : history.size() != epoch) {
            throw new IllegalArgumentException("TrainingState: " + history.size() + " finished epochs recorded, but at epoch "
                    + epoch + " batch " + batch);
        }
        if (bestEpoch > history.size()) {
            throw new IllegalArgumentException("TrainingState: best epoch " + bestEpoch + " has not finished");
        }
        history = List.copyOf(history);
        Map<String, float[]> copy = new LinkedHashMap<>();
        bestWeights.forEach((name, values) -> copy.put(name, values.clone()));
        bestWeights = Collections.unmodifiableMap(copy);
    }

    /** Whether the run had reached its end (nothing is left to resume). */
    public boolean complete() {
        return batch == 0 && epoch >= config.epochs();
    }

    @Override
    public String toString() {
        return "TrainingState[epoch " + epoch + (batch > 0 ? ", batch " + batch : " done") + ", step " + step + "]";
    }
}
