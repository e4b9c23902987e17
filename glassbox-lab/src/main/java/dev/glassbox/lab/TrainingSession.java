package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.core.CurrentModel;
import dev.glassbox.lab.core.Snapshot;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * ({@link TrainingEvents} condensed into {@link TrainingJson}).
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
    private static final long POINT_NANOS = 100_000_000L;
    private static final int MAX_POINTS = 20_000;

    private final CurrentModel model;
    private final MnistData data;
    private final TrainingData trainingData;
    private final Events events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-lab-training");
        t.setDaemon(true);
        return t;
    });

    // Owned by the worker thread.
    private Network network;
    private Loss loss;
    private TrainingRun run;
    private TrainingConfig runConfig;
    private volatile long steps; // written by the worker thread only; read by anyone through steps()
    private volatile long heldBytes; // written by the worker thread only: what the network and run take
    private double testAccuracy = Double.NaN;
    private final Points points = new Points();

    private boolean running; // guarded by this: a Start is queued or its run is training
    private volatile long generation; // written under this: bumped by every command, so older ones stop
    private final List<TrainingListener> observers = new CopyOnWriteArrayList<>();
    private volatile TrainingJson.Status status;

    TrainingSession(CurrentModel model, MnistData data, Events events) {
        this.model = model;
        this.data = data;
        this.events = events;
        this.trainingData = TrainingData.of(data.train()).withTest(data.test());
        Snapshot start = model.snapshot();
        this.network = start.network().copy();
        this.loss = start.explainer().loss();
        this.status = new TrainingJson.Status("ready", network.spec().toString(), 0, 0, 0, 0,
                "Start trains the network shown on MNIST's 60,000 training images.");
    }

    TrainingJson.Status status() {
        return status;
    }

    /** Batches trained so far, counted as they finish (the status reports them only when its state changes). */
    long steps() {
        return steps;
    }

    TrainingJson.History history() {
        return points.history();
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
            prepare(settings);
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
        return heldBytes;
    }

    /** Adds {@code listener} to every run from now on (tests inject failures with one). */
    void observe(TrainingListener listener) {
        observers.add(listener);
    }

    /** Trains exactly one batch. */
    void step(TrainSettings settings) {
        supersede();
        worker.execute(() -> guarded(() -> {
            prepare(settings);
            if (run.step()) {
                setStatus("paused", "One batch trained.");
            } else {
                setStatus("finished", "The run is over.");
            }
            points.flush(events);
            publish();
        }));
    }

    /** Stops after the current batch. */
    void pause() {
        supersede();
    }

    /** A new network with random weights, built from the settings' layers. */
    void reset(TrainSettings settings) {
        supersede();
        worker.execute(() -> guarded(() -> {
            rebuild(settings);
            setStatus("ready", "A new network with random weights.");
            publish();
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

    private void prepare(TrainSettings settings) {
        if (network == null || !settings.spec().equals(network.spec())) {
            rebuild(settings);
        }
        TrainingConfig config = settings.config();
        if (run == null || run.finished() || !config.equals(runConfig)) {
            closeRun();
            heldBytes = settings.memory().totalBytes();
            Trainer trainer = new Trainer(config, KernelChoice.provider()).addListener(new Listener());
            observers.forEach(trainer::addListener);
            runConfig = config;
            loss = config.loss();
            run = trainer.start(network, trainingData);
        }
    }

    private void rebuild(TrainSettings settings) {
        closeRun();
        TrainingConfig config = settings.config();
        network = null; // let the old network go before the new one is built: the room check counted on it
        heldBytes = settings.memory().totalBytes();
        network = settings.spec().build(config.seed());
        loss = config.loss();
        runConfig = config;
        steps = 0;
        testAccuracy = Double.NaN;
        points.clear();
        events.send("history", points.history());
    }

    private void loop(int pace, long mine) {
        setStatus("running", "Training…");
        long lastPublish = System.nanoTime();
        long nanosPerStep = pace > 0 ? 1_000_000_000L / pace : 0;
        boolean more = true;
        while (generation == mine && more) {
            long begin = System.nanoTime();
            more = run.step();
            long now = System.nanoTime();
            if (now - lastPublish >= PUBLISH_NANOS) {
                points.flush(events);
                publish();
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
        points.flush(events);
        publish();
        int epochs = runConfig.epochs();
        String done = "Done: " + epochs + (epochs == 1 ? " epoch." : " epochs.");
        setStatus(more ? "paused" : "finished", more ? "Paused." : done);
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

    /** Makes a copy of the weights, between two steps, the model the page shows. */
    private void publish() {
        String source = steps == 0 ? "new random weights" : "trained in the lab for " + steps + " batches";
        Map<String, String> metadata = Provenance.of(network.spec(), runConfig != null ? runConfig
                : DefaultModel.config(1), data, steps, testAccuracy);
        Snapshot snapshot = model.publish(network, loss, source, metadata);
        events.send("model", new TrainingJson.Model(snapshot.version()));
    }

    private void setStatus(String state, String message) {
        String spec = network == null ? "" : network.spec().toString(); // null only while a new one is built
        status = new TrainingJson.Status(state, spec, steps, run == null ? 0 : run.epoch(),
                runConfig == null ? 0 : runConfig.epochs(), run == null ? 0 : run.batchesPerEpoch(), message);
        events.send("status", status);
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
                closeRun(); // the optimizer's state and the batches: most of what a run holds
            } catch (Throwable ignored) {
                // The run is dropped either way; the reason the page needs is e.
            }
            setStatus("error", reason(e));
        }
    }

    /** The one line the page shows when training failed, with what to try. */
    static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "Training stopped: out of memory. Reset with a smaller batch or fewer or narrower layers, or give"
                    + " Java more memory (JAVA_OPTS=-Xmx8g ./glassbox lab).";
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return "Training stopped: " + (newline < 0 ? message : message.substring(0, newline));
    }

    private void closeRun() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    @Override
    public void close() {
        supersede();
        worker.shutdownNow();
        try {
            if (worker.awaitTermination(10, TimeUnit.SECONDS)) {
                closeRun(); // the worker is gone: nothing else touches the run
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the trainer's events into curve points: means over about a tenth of a second of batches. */
    private final class Listener implements TrainingListener {
        @Override
        public void batch(TrainingEvents.Batch e) {
            steps++;
            points.add(steps, e.epoch(), e.loss(), e.accuracy());
            if (points.due()) {
                points.flush(events);
            }
        }

        @Override
        public void epoch(TrainingEvents.Epoch e) {
            points.flush(events);
            testAccuracy = e.test().accuracy();
            TrainingJson.Epoch epoch = new TrainingJson.Epoch(steps, e.epoch(), e.trainLoss(), e.trainAccuracy(),
                    e.test().loss(), e.test().accuracy());
            points.add(epoch);
            events.send("epoch", epoch);
        }
    }

    /** The curves so far; the batches since the last point are averaged into the next one. */
    private static final class Points {
        private final List<TrainingJson.Point> points = new ArrayList<>();
        private final List<TrainingJson.Epoch> epochs = new ArrayList<>();
        private double lossSum;
        private double accuracySum;
        private int count;
        private long lastStep;
        private int lastEpoch;
        private long lastPointNanos = System.nanoTime();

        synchronized void add(long step, int epoch, double loss, double accuracy) {
            lossSum += loss;
            accuracySum += accuracy;
            count++;
            lastStep = step;
            lastEpoch = epoch;
        }

        synchronized void add(TrainingJson.Epoch epoch) {
            epochs.add(epoch);
        }

        /** Emits the pending mean as a point, if there is one and a tenth of a second has passed or it is forced. */
        void flush(Events events) {
            TrainingJson.Point point;
            synchronized (this) {
                if (count == 0) {
                    return;
                }
                point = new TrainingJson.Point(lastStep, lastEpoch, lossSum / count, accuracySum / count);
                lossSum = 0;
                accuracySum = 0;
                count = 0;
                lastPointNanos = System.nanoTime();
                if (points.size() < MAX_POINTS) {
                    points.add(point);
                }
            }
            events.send("point", point);
        }

        synchronized boolean due() {
            return count > 0 && System.nanoTime() - lastPointNanos >= POINT_NANOS;
        }

        synchronized void clear() {
            points.clear();
            epochs.clear();
            lossSum = 0;
            accuracySum = 0;
            count = 0;
        }

        synchronized TrainingJson.History history() {
            return new TrainingJson.History(List.copyOf(points), List.copyOf(epochs));
        }
    }
}
