package dev.glassbox.lab;

import java.util.List;

/** What the Train panel receives over its event stream. */
final class TrainingJson {
    private TrainingJson() {}

    /**
     * Where training stands.
     *
     * @param state {@code ready} (no run yet), {@code running}, {@code paused}, {@code finished}, or
     *     {@code error} (training failed; {@code message} says why, and Start and Reset work again)
     * @param steps batches trained on this network so far
     */
    record Status(String state, String spec, long steps, int epoch, int epochs, int batchesPerEpoch, String message) {}

    /**
     * The mean of the batches since the last point.
     *
     * @param step batches trained so far on this network, counting across runs
     */
    record Point(long step, int epoch, double loss, double accuracy) {}

    /** One epoch, evaluated on the test set (never used to choose anything). */
    record Epoch(long step, int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {}

    /** Everything so far, for a page that connects mid-run. */
    record History(List<Point> points, List<Epoch> epochs) {}

    /** A new snapshot of the weights is being shown. */
    record Model(long version) {}
}
