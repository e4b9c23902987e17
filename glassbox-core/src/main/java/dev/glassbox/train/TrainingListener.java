package dev.glassbox.train;

/**
 * Watches a training run. Events are immutable records delivered on the training thread, in
 * order: {@link #started}, then {@link #batch} for every batch and {@link #epoch} after every
 * epoch, then {@link #finished}. A listener must return quickly; a slow one slows training.
 */
public interface TrainingListener {

    default void started(TrainingEvents.Started event) {}

    default void batch(TrainingEvents.Batch event) {}

    default void epoch(TrainingEvents.Epoch event) {}

    default void finished(TrainingEvents.Finished event) {}
}
