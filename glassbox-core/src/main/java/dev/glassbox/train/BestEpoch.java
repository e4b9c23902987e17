package dev.glassbox.train;

/**
 * The one rule for "a better epoch", so that every trainer — local ({@link TrainingRun}) and
 * distributed (Spark's driver) — keeps the same weights from the same evaluations: higher
 * validation accuracy wins; on equal accuracy, lower validation loss wins; on equal both, the
 * earlier epoch stays. For regression, which has no accuracy, the lower loss wins.
 *
 * <p>Why the loss breaks ties: accuracy moves in steps of 1/size, so on a small validation set
 * many epochs tie, and the lower loss is the more confident of equally accurate models.
 */
public final class BestEpoch {
    private BestEpoch() {}

    /**
     * Whether {@code candidate} beats {@code best}.
     *
     * @param candidate the epoch just evaluated, on the validation set
     * @param best the best so far on the same set, or null before the first: any candidate beats it
     */
    public static boolean isBetter(Evaluation candidate, Evaluation best) {
        if (candidate == null) {
            throw new IllegalArgumentException("BestEpoch.isBetter: the candidate's evaluation is required");
        }
        if (best == null) {
            return true;
        }
        if (!candidate.isRegression() && candidate.accuracy() != best.accuracy()) {
            return candidate.accuracy() > best.accuracy();
        }
        return candidate.loss() < best.loss();
    }
}
