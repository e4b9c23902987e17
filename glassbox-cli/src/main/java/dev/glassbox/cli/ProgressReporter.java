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

    ProgressReporter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void started(TrainingEvents.Started e) {
        trainSize = e.trainSize();
        epochs = e.config().epochs();
        lastLineNanos = System.nanoTime();
        out.printf(Locale.ROOT, "Training %s (%,d parameters) on %,d images%n", e.network(), e.parameters(),
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
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %2d/%d  loss %.4f  train %s",
                e.epoch(), e.epochs(), e.trainLoss(), percent(e.trainAccuracy())));
        if (e.validation() != null) {
            line.append("  validation ").append(percent(e.validation().accuracy()));
        }
        if (e.test() != null) {
            line.append("  test ").append(percent(e.test().accuracy()));
        }
        line.append(String.format(Locale.ROOT, "  %5.1f s  %,.0f samples/s%s", e.seconds(), e.samplesPerSecond(),
                e.improved() && e.validation() != null ? "  *" : ""));
        out.println(line);
        out.flush();
    }

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
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    static String describe(Evaluation e) {
        return String.format(Locale.ROOT, "%s (%,d errors of %,d)", percent(e.accuracy()), e.errors(), e.size());
    }
}
