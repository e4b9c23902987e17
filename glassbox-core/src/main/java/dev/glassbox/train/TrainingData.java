package dev.glassbox.train;

import dev.glassbox.data.Dataset;

/**
 * The datasets of a run.
 *
 * @param train the samples the weights learn from
 * @param validation held out from training, used for early stopping and picking the best epoch; may be null
 * @param test monitored after every epoch and reported, never used for any decision; may be null
 */
public record TrainingData(Dataset train, Dataset validation, Dataset test) {

    public TrainingData {
        if (train == null || train.size() == 0) {
            throw new IllegalArgumentException("TrainingData: the training set is empty");
        }
        for (Dataset other : new Dataset[] {validation, test}) {
            if (other != null && other.features() != train.features()) {
                throw new IllegalArgumentException("TrainingData: " + other.name() + " has " + other.features()
                        + " inputs per sample, expected " + train.features() + " like " + train.name());
            }
        }
    }

    public static TrainingData of(Dataset train) {
        return new TrainingData(train, null, null);
    }

    /**
     * Uses the last {@code count} training samples as the validation set and trains on the rest
     * (0: no validation set).
     */
    public TrainingData holdOut(int count) {
        if (count < 0 || count >= train.size()) {
            throw new IllegalArgumentException("TrainingData.holdOut: cannot hold out " + count + " of "
                    + train.size() + " training samples");
        }
        if (count == 0) {
            return this;
        }
        int split = train.size() - count;
        return new TrainingData(train.slice(train.name() + "[0:" + split + "]", 0, split),
                train.slice("validation", split, train.size()), test);
    }

    public TrainingData withTest(Dataset value) {
        return new TrainingData(train, validation, value);
    }

    public TrainingData withValidation(Dataset value) {
        return new TrainingData(train, value, test);
    }
}
