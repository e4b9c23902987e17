package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.DatasetDownloads;
import dev.glassbox.jvm.data.MnistFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data}: where the images come from. */
final class DataOptions {
    /** Set by the launcher to the MNIST copy inside the Glassbox folder. */
    static final String BUNDLED_PROPERTY = "glassbox.data";

    @Option(
            names = "--data",
            paramLabel = "DIR|NAME",
            description = "A folder holding the four IDX files (MNIST layout: Fashion-MNIST, KMNIST, …), or the"
                    + " name of a dataset to download into the user cache (mnist)."
                    + " Default: the MNIST copy shipped with Glassbox.")
    String data;

    /** Long enough for the JIT compiler to compile the kernels while MNIST loads (about 0.4 s). */
    static final long WARM_UP_MILLIS = 400;

    /** Loads the dataset, downloading it first when a known name was given and it is not cached. */
    MnistData load(PrintWriter err) {
        return MnistFolder.load(resolve(err));
    }

    /** A short description of where the data came from, for summaries. */
    String describe() {
        return data == null ? "MNIST (bundled)" : data;
    }

    /** The folder the data is read from, downloading it first when a known name was given and it is not cached. */
    Path resolve(PrintWriter err) {
        if (data != null) {
            Path dir = Path.of(data);
            if (Files.isDirectory(dir) || !DatasetDownloads.names().contains(data)) {
                return dir;
            }
            return DatasetDownloads.userCache().ensure(data, new DownloadBar(err));
        }
        String bundled = System.getProperty(BUNDLED_PROPERTY);
        if (bundled != null && Files.isDirectory(Path.of(bundled))) {
            return Path.of(bundled);
        }
        if (Files.isDirectory(Path.of("data", "mnist"))) {
            return Path.of("data", "mnist");
        }
        return DatasetDownloads.userCache().ensure("mnist", new DownloadBar(err));
    }
}
