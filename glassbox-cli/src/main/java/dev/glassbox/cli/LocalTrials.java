package dev.glassbox.cli;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.sweep.Trial;
import dev.glassbox.sweep.TrialResult;
import dev.glassbox.train.TrainingData;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trials on a pool of this machine's threads, {@code parallel} at a time, the cores shared out
 * between them: on 2 cores, two one-thread trials outrun two two-thread trials one after the
 * other, since small networks do not keep two threads busy.
 */
final class LocalTrials implements TrialRunner {
    private final int parallel;

    LocalTrials(int parallel) {
        this.parallel = parallel;
    }

    @Override
    public String describe() {
        return parallel + (parallel == 1 ? " trial" : " trials") + " at a time, " + threadsPerTrial()
                + (threadsPerTrial() == 1 ? " thread" : " threads") + " each";
    }

    @Override
    public int threadsPerTrial() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    @Override
    public void run(List<Trial> trials, TrainingData data, Consumer<TrialResult> done) {
        TrialRunner.inParallel(trials, parallel, trial -> trial.run(data, KernelChoice.provider()), done);
    }
}
