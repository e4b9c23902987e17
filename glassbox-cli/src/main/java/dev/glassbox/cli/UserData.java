package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.ImageShape;
import dev.glassbox.data.MnistData;
import dev.glassbox.data.Split;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.ImageFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The data a run trains on, whatever its form, with what the model must remember of it.
 *
 * @param data the training and test sets and a checksum of the files they came from
 * @param inputs how samples became network inputs, and the names of the outputs
 * @param own whether the data is the user's own — a table or an image folder, whose validation set
 *     is drawn at random (stratified) and whose defaults depend on its size — rather than
 *     MNIST-layout data, which keeps MNIST's conventions and defaults
 */
record UserData(MnistData data, ModelInputs inputs, boolean own) {

    /** The network's input size. */
    int inputSize() {
        return data.train().features();
    }

    /** The network's output size: one per class, or one number. */
    int outputSize() {
        return inputs.isRegression() ? 1 : inputs.classNames().size();
    }

    /** MNIST-layout data: classes 0–9 (or as many as the labels use), validation from the end. */
    static UserData idx(MnistData data) {
        Dataset train = data.train();
        ModelInputs inputs = train.classes() == 10 && train.imageRows() == 28 && train.imageCols() == 28
                ? ModelInputs.digits()
                : new ModelInputs.Images(ImagePreparation.grey(train.imageCols(), train.imageRows()), numbered(train));
        return new UserData(data, inputs, false);
    }

    private static List<String> numbered(Dataset train) {
        return IntStream.range(0, train.classes()).mapToObj(Integer::toString).toList();
    }

    /**
     * A table: the test set from {@code testFile}, or else drawn from the rows (stratified by the
     * label's values when they are classes); the preparation learnt from the training rows only,
     * so that nothing of the test set leaks into training.
     */
    static UserData table(Path file, Path testFile, PreparationOptions options, long seed, PrintWriter out) {
        return table(file, testFile, options, seed, null, out);
    }

    /**
     * As {@link #table(Path, Path, PreparationOptions, long, PrintWriter)}, the rows prepared with
     * {@code given} — a model's own preparation — when it is not null, rather than learnt anew.
     */
    static UserData table(Path file, Path testFile, PreparationOptions options, long seed, TablePreparation given,
            PrintWriter out) {
        MessageDigest digest = sha256();
        Table all = CsvFiles.read(file, digest);
        TablePreparation.Options tableOptions = given == null ? options.table() : TableData.optionsOf(given);
        Table train;
        Table test;
        String testSource;
        if (testFile != null) {
            train = all;
            test = CsvFiles.read(testFile, digest);
            testSource = testFile.toString();
        } else {
            Table[] split;
            try {
                split = TableData.split(all, tableOptions, options.testFraction(), seed);
            } catch (DatasetException e) {
                throw new DatasetException(e.getMessage() + "; add rows or pass --test-data", e);
            }
            train = split[0];
            test = split[1];
            testSource = String.format(Locale.ROOT, "%d rows drawn with seed %d%s", test.rows(), seed,
                    TableData.stratified(all, tableOptions) ? ", stratified by class" : "");
        }
        TableData prepared = TableData.of(train, test, tableOptions, given);
        TablePreparation preparation = prepared.preparation();
        Dataset trainSet = prepared.train();
        Dataset testSet = prepared.test();
        describe(out, file, all.rows(), preparation, testSource);
        String sha = HexFormat.of().formatHex(digest.digest()); // of the files' bytes, in order: the data's identity
        return new UserData(new MnistData(trainSet, testSet, sha), new ModelInputs.Table(preparation), true);
    }

    /**
     * A folder of class subfolders of images: the test set from {@code testDir} (a folder with the
     * same classes), or else drawn from the images, stratified by class.
     */
    static UserData images(Path dir, Path testDir, PreparationOptions options, long seed, PrintWriter out,
            PrintWriter err) {
        return images(dir, testDir, options, seed, null, out, err);
    }

    /** As {@link #images(Path, Path, PreparationOptions, long, PrintWriter, PrintWriter)}, read with {@code given} — a model's — when it is not null. */
    static UserData images(Path dir, Path testDir, PreparationOptions options, long seed, ImagePreparation given,
            PrintWriter out, PrintWriter err) {
        ImageFolder.Options read = ImageFolder.Options.of(given != null ? given : options.images())
                .withBadImages(options.skipBad ? ImageFolder.BadImages.SKIP : ImageFolder.BadImages.REFUSE);
        ImageFolder.Images all = load(dir, read, err);
        Dataset whole = dataset(all, dir.toString());
        Dataset train;
        Dataset test;
        String testSource;
        if (testDir != null) {
            ImageFolder.Images held = load(testDir, read, err);
            if (!held.classes().equals(all.classes())) {
                throw new DatasetException(testDir + ": its classes " + shortList(held.classes()) + " are not those of "
                        + dir + ": " + shortList(all.classes()) + "; the test folder needs the same subfolders");
            }
            train = whole;
            test = dataset(held, testDir + " (test)");
            testSource = testDir.toString();
        } else {
            Split split = Split.stratified(all.labels(), options.testFraction(), seed);
            if (split.second().length == 0) {
                throw new DatasetException(dir + ": " + all.size() + " images are too few to hold out a test set;"
                        + " add images or pass --test-data");
            }
            train = whole.select(dir.toString(), split.first());
            test = whole.select(dir + " (test)", split.second());
            testSource = String.format(Locale.ROOT, "%,d images drawn with seed %d, stratified by class", test.size(),
                    seed);
        }
        out.printf(Locale.ROOT, "Images %s: %,d in %d classes (%s), read as %s%n", dir, all.size(), all.classes().size(),
                shortList(all.classes()), all.preparation());
        out.printf(Locale.ROOT, "  test set: %s%n", testSource);
        out.flush();
        ModelInputs inputs = new ModelInputs.Images(all.preparation(), all.classes());
        return new UserData(new MnistData(train, test, sha256(whole, test)), inputs, true);
    }

    /** The images of a folder read as a model's were: for evaluate. */
    static Dataset imagesForModel(Path dir, ModelInputs.Images inputs, PrintWriter err) {
        ImageFolder.Images all = load(dir, ImageFolder.Options.of(inputs.preparation()), err);
        if (!all.classes().equals(inputs.classNames())) {
            throw new DatasetException(dir + ": its classes " + shortList(all.classes()) + " are not the model's: "
                    + shortList(inputs.classNames()));
        }
        return dataset(all, dir.toString());
    }

    private static ImageFolder.Images load(Path dir, ImageFolder.Options read, PrintWriter err) {
        ImageFolder.Images images;
        try (FolderProgress progress = new FolderProgress(dir, err)) {
            images = ImageFolder.load(dir, read, progress);
        }
        for (ImageFolder.Skipped skipped : images.leftOut().badImages()) {
            err.println("glassbox: skipped " + skipped.file() + ": " + skipped.reason());
        }
        err.flush();
        return images;
    }

    private static Dataset dataset(ImageFolder.Images images, String name) {
        return Dataset.images(name, images.pixels(), images.labels(),
                new ImageShape(images.height(), images.width(), images.channels()), images.classes().size());
    }

    /** SHA-256 over the prepared samples — pixels and classes — of both sets. */
    private static String sha256(Dataset a, Dataset b) {
        MessageDigest digest = sha256();
        for (Dataset d : new Dataset[] {a, b}) {
            for (int i = 0; i < d.size(); i++) {
                for (int v : d.image(i)) {
                    digest.update((byte) v);
                }
                digest.update((byte) d.label(i));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Rows of a table a model was trained on, prepared as in training: for evaluate. */
    static Dataset tableForModel(Path file, TablePreparation preparation) {
        return TableData.dataset(preparation, CsvFiles.read(file), file.toString());
    }

    private static void describe(PrintWriter out, Path file, int rows, TablePreparation preparation,
            String testSource) {
        String target = preparation.task() == TablePreparation.Task.REGRESSION
                ? "a number to predict (regression" + (preparation.taskInferred()
                        ? ": it holds many distinct numbers; --task classification treats them as classes)" : ")")
                : preparation.classNames().size() + " classes: " + shortList(preparation.classNames());
        out.printf(Locale.ROOT, "Table %s: %,d rows; label '%s', %s%n", file, rows, preparation.label(), target);
        out.printf(Locale.ROOT, "  %d feature column%s → %d inputs (numbers standardised, text one-hot); test set: %s%n",
                preparation.features().size(), preparation.features().size() == 1 ? "" : "s",
                preparation.inputSize(), testSource);
        out.flush();
    }

    private static String shortList(List<String> names) {
        String joined = String.join(", ", names.size() <= 12 ? names : names.subList(0, 12));
        return names.size() <= 12 ? joined : joined + ", …";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
