package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.ModelFile;
import java.nio.file.Path;

/** Training from the page, and saving what the page shows. */
final class TrainingSession implements AutoCloseable {
    private final CurrentModel model;
    private final MnistData data;

    TrainingSession(CurrentModel model, MnistData data) {
        this.model = model;
        this.data = data;
    }

    /** Writes the current snapshot to {@code file} atomically; returns the snapshot saved. */
    Snapshot save(Path file) {
        Snapshot snapshot = model.snapshot();
        synchronized (snapshot.explainer()) {
            ModelFile.save(file, snapshot.network(), snapshot.metadata());
        }
        return snapshot;
    }

    @Override
    public void close() {}
}
