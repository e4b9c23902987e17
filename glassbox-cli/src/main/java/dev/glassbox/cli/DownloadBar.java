package dev.glassbox.cli;

import dev.glassbox.jvm.data.DownloadProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;

/** Shows a dataset download as a progress bar in bytes. */
final class DownloadBar implements DownloadProgress {
    private final PrintWriter err;
    private ProgressBar bar;

    DownloadBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(String file, long totalBytesOrMinus1) {
        bar = Terminal.progressBar("download " + file, totalBytesOrMinus1, null, err);
    }

    @Override
    public void advanced(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
