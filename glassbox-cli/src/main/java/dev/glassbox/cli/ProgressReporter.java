package dev.glassbox.cli;

import dev.glassbox.train.Evaluation;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** Shows training as it happens: a progress bar per epoch, then one line per epoch. */
final class ProgressReporter implements TrainingListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive = Terminal.interactive();
    private ProgressBar bar;
    private int trainSize;
    private int epochs;
    private long lastLineNanos;

    private final Scores scores;

    ProgressReporter(PrintWriter out, PrintWriter err) {
        this(out, err, Scores.CLASSES);
    }

    ProgressReporter(PrintWriter out, PrintWriter err, Scores scores) {
        this.out = out;
        this.err = err;
        this.scores = scores;
    }

    @Override
    public void started(TrainingEvents.Started e) {
        trainSize = e.trainSize();
        epochs = e.config().epochs();
        lastLineNanos = System.nanoTime();
        out.printf(Locale.ROOT, "Training %s (%,d parameters) on %,d samples%n", e.network(), e.parameters(),
                e.trainSize());
        out.printf(Locale.ROOT, "  %s, learning rate %s (%s), batch %d, %d epoch%s, seed %d, %s kernels on"
                        + " %d thread%s%n",
                e.config().optimizer(), e.config().learningRate(), e.config().schedule(), e.config().batchSize(),
                e.config().epochs(), e.config().epochs() == 1 ? "" : "s", e.config().seed(), e.kernels(),
                e.config().threads(),
                e.config().threads() == 1 ? "" : "s");
        out.flush();
    }

    /** A bar redrawn in place on a terminal; elsewhere a plain line every 10 s, and only for long epochs. */
    @Override
    public void batch(TrainingEvents.Batch e) {
        if (!interactive) {
            long now = System.nanoTime();
            if (now - lastLineNanos >= PLAIN_LINE_INTERVAL_NANOS && e.batch() < e.batchesPerEpoch()) {
                lastLineNanos = now;
                double eta = (trainSize - e.samplesSeen()) / Math.max(1, e.samplesPerSecond());
                err.printf(Locale.ROOT, "epoch %d: %d%% (%,d/%,d samples)  loss %.4f  %,.0f samples/s  ETA %s%n",
                        e.epoch(), 100L * e.samplesSeen() / trainSize, e.samplesSeen(), trainSize, e.loss(),
                        e.samplesPerSecond(), Terminal.duration(eta));
                err.flush();
            }
            return;
        }
        if (bar == null) {
            bar = Terminal.progressBar(String.format(Locale.ROOT, "epoch %d/%d", e.epoch(), epochs), trainSize,
                    " samples", err);
        }
        bar.stepTo(e.samplesSeen());
        if (e.batch() % 20 == 0 || e.batch() == e.batchesPerEpoch()) {
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", e.loss()));
        }
    }

    @Override
    public void epoch(TrainingEvents.Epoch e) {
        closeBar();
        lastLineNanos = System.nanoTime();
        if (!shown(e)) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %2d/%d  loss %.4f", e.epoch(),
                e.epochs(), e.trainLoss()));
        if (!scores.regression()) {
            line.append("  train ").append(percent(e.trainAccuracy()));
        }
        if (e.validation() != null) {
            line.append("  validation ").append(scores.headline(e.validation()));
        }
        if (e.test() != null) {
            line.append("  test ").append(scores.headline(e.test()));
        }
        line.append(String.format(Locale.ROOT, "  %5.1f s  %,.0f samples/s%s", e.seconds(), e.samplesPerSecond(),
                e.improved() && e.validation() != null ? "  *" : ""));
        out.println(line);
        out.flush();
    }

    /**
     * Whether an epoch gets its line: all of them up to {@value #MOST_LINES}; of a longer run (a
     * small table trains for hundreds of quick epochs) about that many, evenly spaced, the first
     * and the last.
     */
    private static boolean shown(TrainingEvents.Epoch e) {
        int every = (e.epochs() + MOST_LINES - 1) / MOST_LINES;
        return e.epochs() <= MOST_LINES || e.epoch() == 1 || e.epoch() % every == 0 || e.epoch() == e.epochs();
    }

    private static final int MOST_LINES = 40;

    @Override
    public void finished(TrainingEvents.Finished e) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static final long PLAIN_LINE_INTERVAL_NANOS = 10_000_000_000L;

    static String percent(double fraction) {
        return Scores.percent(fraction);
    }

    static String describe(Evaluation e) {
        return Scores.CLASSES.describe(e);
    }
}
