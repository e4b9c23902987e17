package dev.glassbox.spark;

import dev.glassbox.train.BestEpoch;
import dev.glassbox.train.Evaluation;
import java.util.Map;

/**
 * The driver's best evaluated round so far, chosen by the engine's rule for a better epoch
 * ({@link BestEpoch#isBetter}: accuracy, then loss on a tie), so a run on Spark keeps the weights
 * local training would keep from the same evaluations. Counts evaluations since, for patience.
 */
final class BestRound {
    private Evaluation validation;
    private Map<String, float[]> weights;
    private int round;
    private int evaluationsSince;

    /**
     * Offers the round just evaluated on the validation set.
     *
     * @param weights the round's averaged weights, kept (not copied) if the round is the new best:
     *     the caller must not change them afterwards
     * @return whether the round is the new best
     */
    boolean offer(int round, Evaluation validation, Map<String, float[]> weights) {
        if (!BestEpoch.isBetter(validation, this.validation)) {
            evaluationsSince++;
            return false;
        }
        this.validation = validation;
        this.weights = weights;
        this.round = round;
        evaluationsSince = 0;
        return true;
    }

    /** The best round's weights, or null before any evaluation. */
    Map<String, float[]> weights() {
        return weights;
    }

    /** The best round (0 before any evaluation). */
    int round() {
        return round;
    }

    /** Evaluations since the best one, which {@code patience} counts. */
    int evaluationsSince() {
        return evaluationsSince;
    }
}
