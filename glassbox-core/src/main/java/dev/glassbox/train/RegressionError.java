package dev.glassbox.train;

/**
 * How far a network's numbers are from the true ones over a dataset, in the standardised units
 * the network learns in: sums from which the usual figures follow. Multiply {@link #rmse()} and
 * {@link #mae()} by the target's standard deviation for the data's own units; R² has no unit.
 *
 * @param count samples
 * @param sumSquared Σ (prediction − target)²
 * @param sumAbsolute Σ |prediction − target|
 * @param sumTarget Σ target
 * @param sumTargetSquared Σ target²
 */
public record RegressionError(long count, double sumSquared, double sumAbsolute, double sumTarget,
        double sumTargetSquared) {

    public static final RegressionError NONE = new RegressionError(0, 0, 0, 0, 0);

    public RegressionError {
        if (count < 0) {
            throw new IllegalArgumentException("RegressionError: count " + count + " is negative");
        }
    }

    /** These sums and one more sample's. */
    public RegressionError plus(double prediction, double target) {
        double error = prediction - target;
        return new RegressionError(count + 1, sumSquared + error * error, sumAbsolute + Math.abs(error),
                sumTarget + target, sumTargetSquared + target * target);
    }

    /** Root mean squared error: √(Σ e² / n). */
    public double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSquared / count);
    }

    /** Mean absolute error: Σ |e| / n. */
    public double mae() {
        return count == 0 ? Double.NaN : sumAbsolute / count;
    }

    /**
     * The coefficient of determination, 1 − Σ e² / Σ (target − mean)²: 1 for perfect
     * predictions, 0 for always predicting the mean, negative for worse; NaN for constant targets.
     */
    public double r2() {
        double spread = sumTargetSquared - sumTarget * sumTarget / count;
        return count == 0 || spread <= 0 ? Double.NaN : 1 - sumSquared / spread;
    }
}
