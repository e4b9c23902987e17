package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.DatasetDownloads;
import dev.glassbox.jvm.data.MnistFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --test-data}: where the samples come from. */
final class DataOptions {
    /** Set by the launcher to the MNIST copy inside the Glassbox folder. */
    static final String BUNDLED_PROPERTY = "glassbox.data";

    @Option(
            names = "--data",
            paramLabel = "DIR|NAME",
            description = "A folder holding the four IDX files (MNIST layout: Fashion-MNIST, KMNIST, …); a CSV"
                    + " table with a header row; a folder with one subfolder of PNG/JPEG images per class (tables and"
                    + " image folders: train, evaluate, predict, lab, explain); or the name of a dataset to download"
                    + " into the user cache (mnist). Default: the MNIST copy shipped with Glassbox.")
    String data;

    @Option(names = "--test-data", paramLabel = "FILE|DIR",
            description = "Train: a CSV table or an image folder to test on, instead of holding out --test-fraction"
                    + " of --data. Explain: the same test set, for a model trained with it.")
    Path testData;

    /** Long enough for the JIT compiler to compile the kernels while MNIST loads (about 0.4 s). */
    static final long WARM_UP_MILLIS = 400;

    /**
     * Loads MNIST-layout data, downloading it first when a known name was given and it is not
     * cached; for commands that read only that.
     */
    MnistData load(PrintWriter err) {
        if (isTable() || isImageFolder()) {
            throw new UsageException("--data " + data + ": this command reads MNIST-layout IDX folders; tables and"
                    + " image folders work with train, evaluate, predict, lab and explain");
        }
        if (testData != null) {
            throw new UsageException("--test-data goes with a table (--data FILE.csv); an IDX folder has its own test set");
        }
        return MnistFolder.load(resolve(err));
    }

    /** Whether --data names a table rather than a folder or a dataset's name. */
    boolean isTable() {
        return data != null && (CsvFiles.isTable(Path.of(data)) || Files.isRegularFile(Path.of(data)));
    }

    /** Whether --data names a folder of class subfolders rather than of IDX files. */
    boolean isImageFolder() {
        return data != null && Files.isDirectory(Path.of(data)) && !MnistFolder.looksLikeIdx(Path.of(data));
    }

    /** The data to train on, in whatever form --data names, prepared as {@code preparation} says. */
    UserData loadForTraining(PreparationOptions preparation, long seed, PrintWriter out, PrintWriter err) {
        return load(preparation, seed, null, out, err);
    }

    /**
     * The data a model reads, split as training splits it: a table or image folder prepared with
     * the model's own preparation ({@code inputs}, from its file), or an IDX folder.
     */
    UserData loadForModel(ModelInputs inputs, PreparationOptions preparation, long seed, PrintWriter out,
            PrintWriter err) {
        if (isTable() && !(inputs instanceof ModelInputs.Table)) {
            throw new UsageException("--data " + data + " is a table; the model reads images");
        }
        if (!isTable() && inputs instanceof ModelInputs.Table) {
            throw new UsageException("the model reads the columns of a table: pass --data FILE.csv with them");
        }
        return load(preparation, seed, inputs, out, err);
    }

    private UserData load(PreparationOptions preparation, long seed, ModelInputs given, PrintWriter out,
            PrintWriter err) {
        if (isTable()) {
            if (given != null) {
                return UserData.table(Path.of(data), testData, preparation, seed,
                        ((ModelInputs.Table) given).preparation(), out);
            }
            if (preparation.anyImageOption()) {
                throw new UsageException("--image-size, --channels, --prepare and --skip-bad apply to image folders");
            }
            return UserData.table(Path.of(data), testData, preparation, seed, out);
        }
        if (isImageFolder()) {
            if (preparation.anyTableOption()) {
                throw new UsageException("--label, --features, --drop, --missing and --task apply to tables; pass"
                        + " --data FILE.csv");
            }
            return UserData.images(Path.of(data), testData, preparation, seed,
                    given == null ? null : ((ModelInputs.Images) given).preparation(), out, err);
        }
        if (preparation.anyImageOption()) {
            throw new UsageException("--image-size, --channels, --prepare and --skip-bad apply to image folders (one"
                    + " subfolder per class); an IDX folder's images are already prepared");
        }
        if (preparation.anyTableOption()) {
            throw new UsageException("--label, --features, --drop, --missing and --task apply to tables; pass"
                    + " --data FILE.csv");
        }
        if (preparation.testFraction != null) {
            throw new UsageException("--test-fraction applies to tables and image folders; an IDX folder has its own"
                    + " test set");
        }
        return UserData.idx(load(err));
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
