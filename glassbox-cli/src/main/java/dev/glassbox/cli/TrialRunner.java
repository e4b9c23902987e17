package dev.glassbox.cli;

import dev.glassbox.sweep.Trial;
import dev.glassbox.sweep.TrialResult;
import dev.glassbox.train.TrainingData;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * Runs {@code run} on every trial, {@code parallel} at a time on threads of its own, and hands
     * each result to {@code done} as it finishes, on the calling thread.
     */
    static void inParallel(List<Trial> trials, int parallel, Function<Trial, TrialResult> run,
            Consumer<TrialResult> done) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, trials.size())), r -> {
            Thread t = new Thread(r, "glassbox-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<TrialResult> results = new ExecutorCompletionService<>(pool);
            for (Trial trial : trials) {
                results.submit(() -> run.apply(trial));
            }
            for (int i = 0; i < trials.size(); i++) {
                done.accept(results.take().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
