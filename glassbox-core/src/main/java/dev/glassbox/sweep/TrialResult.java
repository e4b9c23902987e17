package dev.glassbox.sweep;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link Trial} went. Serializable, so a cluster can send it back.
 *
 * @param number the trial's number
 * @param settings what the trial set, by option name
 * @param status whether it trained to the end
 * @param validationAccuracy accuracy of its best epoch on the validation set (0–1): what ranks it
 * @param validationLoss the loss there; breaks ties
 * @param bestEpoch the epoch whose weights were kept
 * @param epochsRun epochs trained (fewer than asked when stopped early)
 * @param stoppedEarly whether patience ran out
 * @param seconds wall time of the trial
 * @param weights the kept weights by parameter name; empty if it diverged, or once dropped
 * @param problem why it failed, or null
 */
public record TrialResult(
        int number,
        Map<String, String> settings,
        Status status,
        double validationAccuracy,
        double validationLoss,
        int bestEpoch,
        int epochsRun,
        boolean stoppedEarly,
        double seconds,
        Map<String, float[]> weights,
        String problem) implements Serializable {

    public enum Status {
        DONE,
        DIVERGED
    }

    /** Best first: higher validation accuracy, then lower validation loss, then the earlier trial. */
    public static final Comparator<TrialResult> BEST_FIRST = Comparator
            .comparing((TrialResult r) -> r.status() != Status.DONE)
            .thenComparing(TrialResult::validationAccuracy, Comparator.reverseOrder())
            .thenComparingDouble(TrialResult::validationLoss)
            .thenComparingInt(TrialResult::number);

    public TrialResult {
        settings = new LinkedHashMap<>(settings);
        weights = new LinkedHashMap<>(weights);
    }

    /** The same result without its weights, to keep only the best trials' in memory. */
    public TrialResult withoutWeights() {
        return new TrialResult(number, settings, status, validationAccuracy, validationLoss, bestEpoch, epochsRun,
                stoppedEarly, seconds, Map.of(), problem);
    }
}
