package dev.glassbox.train;

/**
 * A network's results on a dataset.
 *
 * @param dataset the dataset's name
 * @param loss mean loss per sample
 * @param confusion counts of true vs predicted class (empty for regression)
 * @param regression the prediction errors of a regression, else null
 */
public record Evaluation(String dataset, double loss, ConfusionMatrix confusion, RegressionError regression) {

    /** A classification's results. */
    public Evaluation(String dataset, double loss, ConfusionMatrix confusion) {
        this(dataset, loss, confusion, null);
    }

    /** A regression's results. */
    public static Evaluation ofRegression(String dataset, double loss, RegressionError errors) {
        return new Evaluation(dataset, loss, ConfusionMatrix.empty(0), errors);
    }

    public boolean isRegression() {
        return regression != null;
    }

    /** Fraction correct, 0–1 (NaN for regression). */
    public double accuracy() {
        return isRegression() ? Double.NaN : confusion.accuracy();
    }

    /** Number of misclassified samples. */
    public long errors() {
        return confusion.total() - confusion.correct();
    }

    public long size() {
        return isRegression() ? regression.count() : confusion.total();
    }
}
