package dev.glassbox.lab;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import java.nio.file.Path;

/** What the lab's routes share: the current model, the data, and where Save writes. */
final class Lab implements AutoCloseable {
    private final CurrentModel model;
    private final MnistData data;
    private final Path saveTo;
    private final Events events;
    private final TrainingSession training;

    Lab(LabModel start, MnistData data, Path saveTo) {
        this(start, data, saveTo, new Events());
    }

    /** @param events where training events go (a smaller bound per page than usual, in tests) */
    Lab(LabModel start, MnistData data, Path saveTo, Events events) {
        this.events = events;
        this.model = new CurrentModel(start.network(), start.loss(), start.source(), start.metadata());
        this.data = data;
        this.saveTo = saveTo;
        this.training = new TrainingSession(model, data, events);
    }

    CurrentModel model() {
        return model;
    }

    Snapshot snapshot() {
        return model.snapshot();
    }

    MnistData data() {
        return data;
    }

    Dataset test() {
        return data.test();
    }

    Path saveTo() {
        return saveTo;
    }

    TrainingSession training() {
        return training;
    }

    Events events() {
        return events;
    }

    /** Test image {@code index} as network inputs (0..1). */
    float[] testInput(int index) {
        checkTestIndex(index);
        return Images.toInput(test().image(index));
    }

    void checkTestIndex(int index) {
        if (index < 0 || index >= test().size()) {
            throw new IllegalArgumentException("index: expected a test image 0.." + (test().size() - 1) + ", got "
                    + index);
        }
    }

    /** The first test image of {@code digit}. */
    int firstTestIndexOf(int digit) {
        for (int i = 0; i < test().size(); i++) {
            if (test().label(i) == digit) {
                return i;
            }
        }
        throw new IllegalArgumentException("label: the test set has no image of " + digit);
    }

    @Override
    public void close() {
        training.close();
        events.close();
    }
}
