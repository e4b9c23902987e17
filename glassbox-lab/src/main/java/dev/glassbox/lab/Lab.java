package dev.glassbox.lab;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.core.CurrentModel;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.jvm.explain.LandscapeRunner;
import dev.glassbox.lab.core.LandscapeAnswers;
import dev.glassbox.lab.core.ModelAnswers;
import dev.glassbox.lab.core.Snapshot;
import java.nio.file.Path;

/** What the lab's routes share: the current model, the data, and where Save writes. */
final class Lab implements AutoCloseable {
    private final CurrentModel model;
    private final LabData data;
    private final Path saveTo;
    private final Events events;
    private final TrainingSession training;
    private final ModelAnswers answers;
    private final LandscapeAnswers landscape;

    Lab(LabModel start, LabData data, Path saveTo) {
        this(start, data, saveTo, new Events());
    }

    /** @param events where training events go (a smaller bound per page than usual, in tests) */
    Lab(LabModel start, LabData data, Path saveTo, Events events) {
        data.requireReadable(start.network(), start.metadata());
        this.events = events;
        this.model = new CurrentModel(start.network(), start.loss(), start.source(), start.metadata(),
                KernelChoice.provider());
        this.answers = new ModelAnswers(model::snapshot, data, KernelChoice.implementationName());
        this.data = data;
        this.saveTo = saveTo;
        this.training = new TrainingSession(model, data, events);
        int threads = Runtime.getRuntime().availableProcessors();
        this.landscape = new LandscapeAnswers(model::snapshot, training::path, data, KernelChoice.provider(),
                (slice, network, size, indices) -> LandscapeRunner.points(slice, network, size, indices, threads,
                        KernelChoice.provider()));
    }

    /** The loss landscape around the model on show, computed on every core. */
    LandscapeAnswers landscape() {
        return landscape;
    }

    CurrentModel model() {
        return model;
    }

    Snapshot snapshot() {
        return model.snapshot();
    }

    LabData data() {
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

    /** The questions about the model on show. */
    ModelAnswers answers() {
        return answers;
    }

    /** Test example {@code index} as network inputs. */
    float[] testInput(int index) {
        return answers.testInput(index);
    }

    @Override
    public void close() {
        training.close();
        events.close();
    }
}
