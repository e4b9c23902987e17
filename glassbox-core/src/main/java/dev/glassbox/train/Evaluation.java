package dev.glassbox.train;

/**
 * A network's results on a dataset.
 *
 * @param dataset the dataset's name
 * @param loss mean loss per sample
 * @param confusion counts of true vs predicted class
 */
public record Evaluation(String dataset, double loss, ConfusionMatrix confusion) {

    /** Fraction correct, 0–1. */
    public double accuracy() {
        return confusion.accuracy();
    }

    /** Number of misclassified samples. */
    public long errors() {
        return confusion.total() - confusion.correct();
    }

    public long size() {
        return confusion.total();
    }
}
