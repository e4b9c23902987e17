package dev.glassbox.cli;

import dev.glassbox.jvm.data.ImageFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;

/** A progress bar while a large image folder loads; nothing for a small one, which loads at once. */
final class FolderProgress implements ImageFolder.Progress, AutoCloseable {
    /** Below this many images a folder loads in about a second: no bar. */
    private static final int SHOWN_FROM = 5_000;

    private final Path dir;
    private final PrintWriter err;
    private ProgressBar bar;

    FolderProgress(Path dir, PrintWriter err) {
        this.dir = dir;
        this.err = err;
    }

    @Override
    public void loaded(int done, int total) {
        if (bar == null && total >= SHOWN_FROM) {
            bar = Terminal.progressBar("reading " + dir.getFileName(), total, " images", err);
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
