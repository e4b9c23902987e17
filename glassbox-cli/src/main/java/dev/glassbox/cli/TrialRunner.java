package dev.glassbox.cli;

import dev.glassbox.sweep.Trial;
import dev.glassbox.sweep.TrialResult;
import dev.glassbox.train.TrainingData;
import java.util.List;
import java.util.function.Consumer;

/** Where the trials of a {@code sweep} run: this machine's threads, or a cluster. */
public interface TrialRunner {
    /** What the runner is, for the sweep's report, e.g. {@code 2 threads}. */
    String describe();

    /** How many kernel threads each trial should use. */
    int threadsPerTrial();

    /**
     * Runs every trial on {@code data} and hands each result to {@code done} as it finishes, on
     * the calling thread.
     */
    void run(List<Trial> trials, TrainingData data, Consumer<TrialResult> done);
}
