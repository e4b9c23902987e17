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
 * alone. Grouped into named parts, each checked on its own; this record checks that they agree.
 *
 * @param config the run's settings
 * @param progress where the run is: epoch, batch, step and time so far
 * @param epochSoFar the running totals of the epoch in progress
 * @param best the best epoch so far and its weights
 * @param random the states of the run's random streams
 * @param history one record per finished epoch
 * @param optimizer the optimizer's state
 */
public record TrainingState(
        TrainingConfig config,
        Progress progress,
        EpochSoFar epochSoFar,
        BestSoFar best,
        RandomStreams random,
        List<TrainingEvents.Epoch> history,
        OptimizerState optimizer) {

    public TrainingState {
        if (config == null || progress == null || epochSoFar == null || best == null || random == null
                || history == null || optimizer == null) {
            throw new IllegalArgumentException(
                    "TrainingState: config, progress, epochSoFar, best, random, history and optimizer are required");
        }
        if (history.size() != progress.finishedEpochs()) {
            throw new IllegalArgumentException("TrainingState: " + history.size() + " finished epochs recorded, but at epoch "
                    + progress.epoch() + " batch " + progress.batch());
        }
        if (best.epoch() > history.size()) {
            throw new IllegalArgumentException("TrainingState: best epoch " + best.epoch() + " has not finished");
        }
        history = List.copyOf(history);
    }

    /**
     * Where the run is.
     *
     * @param epoch the epoch in progress (1-based) if {@code batch > 0}, else the last one finished (0 at the start)
     * @param batch batches done in the epoch in progress; 0 between epochs
     * @param step batches done over all epochs
     * @param elapsedNanos wall time of the run so far, across resumptions
     */
    public record Progress(int epoch, int batch, long step, long elapsedNanos) {
        public Progress {
            if (epoch < 0 || batch < 0 || step < 0 || elapsedNanos < 0) {
                throw new IllegalArgumentException("TrainingState.Progress: negative value in epoch " + epoch + ", batch "
                        + batch + ", step " + step + ", elapsed " + elapsedNanos + " ns");
            }
            if (batch > 0 && epoch == 0) {
                throw new IllegalArgumentException("TrainingState.Progress: batch " + batch + " of epoch 0; epochs count from 1");
            }
        }

        /** Epochs finished: all up to {@code epoch}, less the one in progress if a batch of it is done. */
        public int finishedEpochs() {
            return batch > 0 ? epoch - 1 : epoch;
        }
    }

    /**
     * The running totals of the epoch in progress (all zero between epochs), from which its
     * training loss, accuracy and speed are reported when it ends.
     *
     * @param lossSum Σ batch loss × batch size
     * @param correct correct predictions
     * @param seen samples trained
     * @param nanos training time
     */
    public record EpochSoFar(double lossSum, long correct, long seen, long nanos) {
        public EpochSoFar {
            if (correct < 0 || seen < 0 || correct > seen || nanos < 0 || !(lossSum >= 0)) {
                throw new IllegalArgumentException("TrainingState.EpochSoFar: expected 0 ≤ correct ≤ seen, time ≥ 0 and "
                        + "a loss sum ≥ 0, got " + correct + " of " + seen + ", " + nanos + " ns, loss sum " + lossSum);
            }
        }

        public static final EpochSoFar NONE = new EpochSoFar(0, 0, 0, 0);
    }

    /**
     * The best epoch so far, by {@link BestEpoch#isBetter}.
     *
     * @param epoch its number (0: none yet)
     * @param sinceBest epochs finished since then, which {@code patience} counts
     * @param weights its weights by parameter name when a validation set picks the best epoch; else
     *     empty (without one, the last epoch is the best)
     */
    public record BestSoFar(int epoch, int sinceBest, Map<String, float[]> weights) {
        public BestSoFar {
            if (epoch < 0 || sinceBest < 0 || weights == null) {
                throw new IllegalArgumentException("TrainingState.BestSoFar: expected epoch ≥ 0, sinceBest ≥ 0 and weights"
                        + " (maybe empty), got epoch " + epoch + ", sinceBest " + sinceBest);
            }
            Map<String, float[]> copy = new LinkedHashMap<>();
            weights.forEach((name, values) -> copy.put(name, values.clone()));
            weights = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * The states of the run's two {@link dev.glassbox.tensor.Rng} streams, both split from the
     * config's seed; each is the generator's whole state.
     *
     * @param shuffle the shuffling stream before it shuffled the epoch in progress (or, between
     *     epochs, before it shuffles the next): resuming reshuffles from here to rebuild the order
     * @param dropout the dropout stream, as it is now
     */
    public record RandomStreams(long shuffle, long dropout) {}

    /**
     * The best epoch's weights: with {@code optimizer().arrays()}, the arrays a checkpoint keeps
     * beside the JSON.
     */
    public Map<String, float[]> bestWeights() {
        return best.weights();
    }

    /** Whether the run had reached its end (nothing is left to resume). */
    public boolean complete() {
        return progress.batch() == 0 && progress.epoch() >= config.epochs();
    }

    @Override
    public String toString() {
        return "TrainingState[epoch " + progress.epoch() + (progress.batch() > 0 ? ", batch " + progress.batch() : " done")
                + ", step " + progress.step() + "]";
    }
}
