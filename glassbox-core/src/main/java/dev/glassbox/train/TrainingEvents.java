package dev.glassbox.train;

/** The immutable records a {@link TrainingListener} receives. */
public final class TrainingEvents {
    private TrainingEvents() {}

    /**
     * Training is about to begin.
     *
     * @param kernels the kernel implementation, e.g. {@code scalar}
     */
    public record Started(
            String network, long parameters, TrainingConfig config, int trainSize, int batchesPerEpoch, String kernels) {}

    /**
     * One gradient step is done.
     *
     * @param epoch 1-based
     * @param batch 1-based within the epoch
     * @param loss this batch's mean loss, before the step
     * @param accuracy this batch's accuracy, before the step (0–1)
     * @param samplesPerSecond training throughput so far this epoch
     */
    public record Batch(
            int epoch,
            int batch,
            int batchesPerEpoch,
            double loss,
            double accuracy,
            float learningRate,
            long samplesSeen,
            double samplesPerSecond) {}

    /**
     * One pass over the training set is done and evaluated.
     *
     * @param epoch 1-based
     * @param trainLoss mean loss over the epoch's batches (with dropout, while weights changed)
     * @param trainAccuracy accuracy over the epoch's batches (0–1)
     * @param validation the held-out set used for early stopping, or null
     * @param test a monitored set never used for decisions, or null
     * @param seconds wall time of the epoch's training, excluding evaluation
     * @param improved whether validation accuracy reached a new best (ties: lower loss) (true when there is no validation set)
     */
    public record Epoch(
            int epoch,
            int epochs,
            double trainLoss,
            double trainAccuracy,
            Evaluation validation,
            Evaluation test,
            double seconds,
            double samplesPerSecond,
            float learningRate,
            boolean improved) {}

    /**
     * The run is over.
     *
     * @param epochsRun how many epochs ran
     * @param bestEpoch the epoch whose weights the network now holds
     * @param stoppedEarly whether early stopping ended the run
     * @param seconds total wall time including evaluation
     */
    public record Finished(int epochsRun, int bestEpoch, boolean stoppedEarly, double seconds) {}
}
