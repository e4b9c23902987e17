package dev.glassbox.data;

import java.util.Objects;

/**
 * MNIST-layout data as loaded by {@link Mnist}: the training and test sets plus a checksum of
 * where they came from.
 *
 * @param train  the training set (60,000 images for MNIST)
 * @param test   the test set (10,000 images for MNIST)
 * @param sha256 one SHA-256 over the four uncompressed files, as defined in {@link Mnist}: 64 lower-case
 *               hex digits, recorded with a trained model for provenance
 */
public record MnistData(Dataset train, Dataset test, String sha256) {
    public MnistData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("MnistData: expected a 64-digit lower-case hex SHA-256, got " + sha256);
        }
        if (train.imageRows() != test.imageRows() || train.imageCols() != test.imageCols()
                || train.classes() != test.classes()) {
            throw new IllegalArgumentException("MnistData: train " + train + " and test " + test
                    + " must share image size and classes");
        }
    }
}
