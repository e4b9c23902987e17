package dev.glassbox.lab;

import dev.glassbox.lab.core.LabData;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.core.CurrentModel;
import dev.glassbox.lab.core.LabModels;
import dev.glassbox.lab.core.LabTraining;
import dev.glassbox.lab.core.Snapshot;
import dev.glassbox.lab.core.TrainSettings;
import dev.glassbox.lab.core.TrainingJson;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Training driven from the page: start, pause, single-step and reset.
 *
 * <p>One thread of its own owns the network being trained and its {@link TrainingRun}; the page's
 * commands are queued to it, and pausing simply stops calling {@link TrainingRun#step()}. Between
 * steps — never during one — it publishes a copy of the weights as the model everyone else sees
 * (a few times a second while running, and whenever training stops), so the page's predictions
 * always come from one consistent set of weights. What happens is sent to the page as events
 * ({@link LabTraining}, which the page's worker steps the same way in the browser).
 *
 * <p>Start while a Start is queued or training runs is refused ({@link IllegalStateException}, 409
 * "already training") rather than queued: queued behind a run, its settings would wait unseen
 * until the run ended, then start a run nobody asked for any more. Pause, then Start. Any other
 * command stops the run first: each command supersedes the ones before it.
 *
 * <p>Whatever stops the training thread — an exception or an {@link Error} such as an
 * {@link OutOfMemoryError} — becomes the state {@code error} with the reason, sent to the page;
 * the run's own memory is let go, and Start and Reset work again.
 */
final class TrainingSession implements AutoCloseable {
    private static final long PUBLISH_NANOS = 250_000_000L;

    private final CurrentModel model;
    private final LabTraining training; // stepped by the worker thread only
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-lab-training");
        t.setDaemon(true);
        return t;
    });

    private boolean running; // guarded by this: a Start is queued or its run is training
    private volatile long generation; // written under this: bumped by every command, so older ones stop

    TrainingSession(CurrentModel model, LabData data, Events events) {
        this.model = model;
        this.training = new LabTraining(model, data, KernelChoice.provider(), Glassbox.version(), events::send);
    }

    TrainingJson.Status status() {
        return training.status();
    }

    /** Batches trained so far, counted as they finish (the status reports them only when its state changes). */
    long steps() {
        return training.steps();
    }

    Map<String, Object> history() {
        return training.history();
    }

    /**
     * Trains until paused or the run's epochs are done; a new network first if the layers changed.
     *
     * @throws IllegalStateException if training is already running or about to
     */
    void start(TrainSettings settings) {
        long mine;
        synchronized (this) {
            if (running) {
                throw new IllegalStateException("train: already training; Pause first, then Start with the new"
                        + " settings");
            }
            running = true;
            mine = ++generation;
        }
        worker.execute(() -> guarded(() -> {
            if (generation != mine) {
                return; // paused, stepped or reset before it began
            }
            training.prepare(settings);
            loop(settings.pace(), mine);
        }));
    }

    /** Whether a Start is queued or training runs. */
    synchronized boolean running() {
        return running;
    }

    /** Stops whatever runs, after its current batch. */
    private synchronized void supersede() {
        running = false;
        generation++;
    }

    /** What the network being trained and its run take, as estimated from the settings they were made with. */
    long heldBytes() {
        return training.heldBytes();
    }

    /** Adds {@code listener} to every run from now on (tests inject failures with one). */
    void observe(TrainingListener listener) {
        training.observe(listener);
    }

    /** Trains exactly one batch. */
    void step(TrainSettings settings) {
        supersede();
        worker.execute(() -> guarded(() -> {
            training.prepare(settings);
            if (training.step()) {
                training.setStatus("paused", "One batch trained.");
            } else {
                training.setStatus("finished", "The run is over.");
            }
            training.flush();
            training.publish();
        }));
    }

    /** Shows an opened model, which training then goes on from. */
    void open(SavedModel saved, String source) {
        supersede();
        worker.execute(() -> guarded(() -> training.show(saved.network(), LabModels.loss(saved), source,
                saved.metadata())));
    }

    /** Stops after the current batch. */
    void pause() {
        supersede();
    }

    /** A new network with random weights, built from the settings' layers. */
    void reset(TrainSettings settings) {
        supersede();
        worker.execute(() -> guarded(() -> {
            training.rebuild(settings);
            training.setStatus("ready", "A new network with random weights.");
            training.publish();
        }));
    }

    /**
     * Writes the current snapshot to {@code file} atomically; returns the snapshot saved.
     *
     * @throws IllegalStateException if {@code file} exists and is not a regular file ({@link SaveTarget})
     * @throws dev.glassbox.io.ModelFileException if writing fails (its message says why)
     */
    Snapshot save(Path file) {
        SaveTarget.check(file);
        Snapshot snapshot = model.snapshot();
        synchronized (snapshot.explainer()) {
            ModelFiles.save(file, snapshot.network(), snapshot.metadata());
        }
        return snapshot;
    }

    private void loop(int pace, long mine) {
        training.setStatus("running", "Training…");
        long lastPublish = System.nanoTime();
        long nanosPerStep = pace > 0 ? 1_000_000_000L / pace : 0;
        boolean more = true;
        while (generation == mine && more) {
            long begin = System.nanoTime();
            more = training.step();
            long now = System.nanoTime();
            if (now - lastPublish >= PUBLISH_NANOS) {
                training.flush();
                training.publish();
                lastPublish = now;
            }
            if (nanosPerStep > 0) {
                sleepNanos(nanosPerStep - (System.nanoTime() - begin));
            }
        }
        synchronized (this) {
            if (generation == mine) {
                running = false; // else a newer command has its own say
            }
        }
        training.flush();
        training.publish();
        int epochs = training.epochs();
        String done = "Done: " + epochs + (epochs == 1 ? " epoch." : " epochs.");
        training.setStatus(more ? "paused" : "finished", more ? "Paused." : done);
    }

    private void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                supersede();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs a command on the training thread; whatever it throws, an {@link Error} included, ends in
     * the state {@code error}: were an {@link OutOfMemoryError} let through, the thread would die
     * with the page showing "running" and Start disabled for good.
     */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (Throwable e) {
            supersede();
            try {
                training.closeRun();
            } catch (Throwable ignored) {
                // The run is dropped either way; the reason the page needs is e.
            }
            training.setStatus("error", LabTraining.reason(e));
        }
    }

    @Override
    public void close() {
        supersede();
        worker.shutdownNow();
        try {
            if (worker.awaitTermination(10, TimeUnit.SECONDS)) {
                training.closeRun(); // the worker is gone: nothing else touches the run
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The path the weights took since the network was built or opened ({@link LabTraining#path()}). */
    dev.glassbox.explain.Trajectory path() {
        return training.path();
    }
}
