package dev.glassbox.lab.core;

import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.explain.Trajectory;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training driven from the page, one batch at a time: the network being trained, its run, the
 * curves so far, and the snapshots it publishes as the model on show. It decides nothing about
 * when to step: the lab server steps it from a thread of its own, the page's worker from its
 * event loop. Only that one caller may call it, except {@link #status()}, {@link #history()},
 * {@link #steps()} and {@link #heldBytes()}, which anyone may read.
 */
public final class LabTraining {
    private static final int MAX_POINTS = 20_000;
    /** A curve point is the mean of the batches of about this long. */
    private static final long POINT_NANOS = 100_000_000L;

    private final CurrentModel model;
    private final LabData data;
    private final TrainingData trainingData;
    private final KernelProvider kernels;
    private final String version;
    private final EventSink events;
    /** Replaced, never changed: a test may add one from another thread. */
    private volatile List<TrainingListener> observers = List.of();

    private Network network;
    private Loss loss;
    private TrainingRun run;
    private TrainingConfig runConfig;
    private volatile long steps;
    private volatile long heldBytes;
    private double testAccuracy = Double.NaN;
    private final Points points = new Points();
    /** The path of the network's weights since it was built or opened, for the landscape's directions. */
    private Trajectory trajectory;
    private volatile TrainingJson.Status status;

    /**
     * @param model the model on show, which this publishes to and starts from
     * @param kernels what training computes with: the host's
     * @param version the Glassbox version recorded in what it trains
     */
    public LabTraining(CurrentModel model, LabData data, KernelProvider kernels, String version, EventSink events) {
        this.model = model;
        this.data = data;
        this.kernels = kernels;
        this.version = version;
        this.events = events;
        this.trainingData = TrainingData.of(data.train()).withTest(data.test());
        Snapshot start = model.snapshot();
        this.network = start.network().copy();
        this.loss = start.explainer().loss();
        startPath();
        this.status = new TrainingJson.Status("ready", network.spec().toString(), 0, 0, 0, 0,
                String.format(Locale.ROOT, "Start trains the network shown on the %,d training %s.",
                        data.train().size(), data.samples()));
    }

    public TrainingJson.Status status() {
        return status;
    }

    /** Batches trained so far, counted as they finish. */
    public long steps() {
        return steps;
    }

    public Map<String, Object> history() {
        return points.history();
    }

    /** What the network being trained and its run take, as estimated from the settings they were made with. */
    public long heldBytes() {
        return heldBytes;
    }

    /** Adds {@code listener} to every run from now on (tests inject failures with one). */
    public synchronized void observe(TrainingListener listener) {
        List<TrainingListener> more = new ArrayList<>(observers);
        more.add(listener);
        observers = List.copyOf(more);
    }

    /** Makes the network and the run these settings describe, keeping what already matches them. */
    public void prepare(TrainSettings settings) {
        if (network == null || !settings.spec().equals(network.spec())) {
            rebuild(settings);
        }
        TrainingConfig config = config(settings);
        if (run == null || run.finished() || !config.equals(runConfig)) {
            closeRun();
            heldBytes = settings.memory().totalBytes();
            Trainer trainer = new Trainer(config, kernels).addListener(new Listener());
            observers.forEach(trainer::addListener);
            runConfig = config;
            loss = config.loss();
            run = trainer.start(network, trainingData);
        }
    }

    /** The settings' configuration, with mean squared error for a regression. */
    private TrainingConfig config(TrainSettings settings) {
        TrainingConfig config = settings.config();
        return data.inputs().isRegression() ? config.toBuilder().loss("mse").build() : config;
    }

    /** A new network with random weights, built from the settings' layers; the curves start again. */
    public void rebuild(TrainSettings settings) {
        closeRun();
        TrainingConfig config = config(settings);
        network = null; // let the old network go before the new one is built: the room check counted on it
        heldBytes = settings.memory().totalBytes();
        network = settings.spec().build(config.seed());
        loss = config.loss();
        runConfig = config;
        steps = 0;
        startPath();
        testAccuracy = Double.NaN;
        points.clear();
        events.send("history", points.history());
    }

    /**
     * Shows another model, opened by the user: it becomes the model on show and the network that
     * training goes on from; the run and the curves start again.
     */
    public void show(Network opened, Loss openedLoss, String source, Map<String, String> metadata) {
        closeRun();
        network = null;
        network = opened.copy();
        loss = openedLoss;
        runConfig = null;
        heldBytes = 0;
        steps = 0;
        startPath();
        testAccuracy = Double.NaN;
        points.clear();
        events.send("history", points.history());
        Snapshot snapshot = model.publish(network, loss, source, metadata);
        events.send("model", TrainingJson.model(snapshot.version()));
        setStatus("ready", "Opened " + source + ". Start trains it further.");
    }

    /** A new path, starting at the network's present weights. */
    private void startPath() {
        Trajectory path = Trajectory.within(network, Trajectory.DEFAULT_BUDGET_BYTES);
        path.record(0, 0, network);
        synchronized (this) {
            trajectory = path;
        }
    }

    /**
     * The path the weights took since the network was built or opened, ending at their present
     * value: a copy, safe to read while training goes on. Called between steps or from another
     * thread; the weights read are those of the last snapshot published.
     */
    public Trajectory path() {
        Snapshot shown = model.snapshot();
        synchronized (this) {
            Trajectory copy = trajectory.copy();
            copy.finish(Math.max(steps, copy.step(copy.size() - 1)), run == null ? 0 : run.epoch(), shown.network());
            return copy;
        }
    }

    /**
     * Trains one batch of the prepared run.
     *
     * @return whether the run has more batches
     */
    public boolean step() {
        return run.step();
    }

    /** The epochs of the run, for the message at its end. */
    public int epochs() {
        return runConfig.epochs();
    }

    /** Sends the curve's pending point, if any. */
    public void flush() {
        points.flush(events);
    }

    /** Makes a copy of the weights, between two steps, the model the page shows. */
    public void publish() {
        String source = steps == 0 ? "new random weights" : "trained in the lab for " + steps + " batches";
        Map<String, String> metadata = Provenance.of(version, network.spec(), runConfig != null ? runConfig
                : DefaultTraining.config(1), data, steps, testAccuracy);
        Snapshot snapshot = model.publish(network, loss, source, metadata);
        events.send("model", TrainingJson.model(snapshot.version()));
    }

    /** Says where training stands, to the page. */
    public void setStatus(String state, String message) {
        String spec = network == null ? "" : network.spec().toString(); // null only while a new one is built
        status = new TrainingJson.Status(state, spec, steps, run == null ? 0 : run.epoch(),
                runConfig == null ? 0 : runConfig.epochs(), run == null ? 0 : run.batchesPerEpoch(), message);
        events.send("status", status.toJson());
    }

    /** Lets the run go: the optimizer's state and the batches, most of what it holds. */
    public void closeRun() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /** The one line the page shows when training failed, with what to try. */
    public static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "Training stopped: out of memory. Reset with a smaller batch or fewer or narrower layers, or give"
                    + " Java more memory (JAVA_OPTS=-Xmx8g ./glassbox lab).";
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return "Training stopped: " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** A classifier's accuracy, or a regression's R² (0 when its test targets are all alike): the page's second curve. */
    private static double score(Evaluation test) {
        if (!test.isRegression()) {
            return test.accuracy();
        }
        double r2 = test.regression().r2();
        return Double.isFinite(r2) ? r2 : 0;
    }

    /** Turns the trainer's events into curve points: means over about a tenth of a second of batches. */
    private final class Listener implements TrainingListener {
        @Override
        public void batch(TrainingEvents.Batch e) {
            steps++;
            synchronized (LabTraining.this) {
                trajectory.record(steps, e.epoch(), network);
            }
            points.add(steps, e.epoch(), e.loss(), e.accuracy());
            if (points.due()) {
                points.flush(events);
            }
        }

        @Override
        public void epoch(TrainingEvents.Epoch e) {
            points.flush(events);
            testAccuracy = score(e.test());
            TrainingJson.Epoch epoch = new TrainingJson.Epoch(steps, e.epoch(), e.trainLoss(), e.trainAccuracy(),
                    e.test().loss(), testAccuracy);
            points.add(epoch);
            events.send("epoch", epoch.toJson());
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

        /** Emits the pending mean as a point, if there is one. */
        void flush(EventSink events) {
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
            events.send("point", point.toJson());
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

        synchronized Map<String, Object> history() {
            return TrainingJson.history(List.copyOf(points), List.copyOf(epochs));
        }
    }
}
