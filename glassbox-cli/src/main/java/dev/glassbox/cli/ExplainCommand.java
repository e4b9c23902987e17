package dev.glassbox.cli;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.AugmentationFigure;
import dev.glassbox.lab.StepFigures;
import dev.glassbox.optim.OptimizerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glassbox explain}: one test sample's backprop step, drawn as the lab draws it, as SVG files. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the steps of backpropagation on one test sample as SVG figures, for slides and documents: the"
                    + " error at the output, the weights into the right output, the desired changes of each hidden"
                    + " layer, and the update applied.",
            "Every number is the engine's own gradient for that sample, as in the lab's Backprop panel.",
            "For a model trained on a table or an image folder, pass the same --data: its test set is drawn as train"
                    + " drew it (the seed the model records, --test-fraction), so the sample is one training never"
                    + " saw, and prepared as the model reads it. The figures name its classes and draw the weights"
                    + " from the inputs as its images, or as bars named after the table's columns. Models that"
                    + " predict a number (regression) are not supported.",
            "With --augment SPEC it draws augmented.svg instead: a few test digits, each with eight distortions as"
                    + " train --augment SPEC would draw them (no model needed).",
            "With --attribution it writes attribution.csv and attribution.svg instead: for the sample (or an IMAGE"
                    + " file) and one output (--target, by default the answer), each input's gradient of that"
                    + " output's score, gradient × input, and integrated gradients from a black image."
        })
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--digit", paramLabel = "D",
            description = "Use the first test image of this digit (the same as --class D). Default for an MNIST"
                    + " model: " + DEFAULT_DIGIT + ".")
    Integer digit;

    @Option(names = "--class", paramLabel = "NAME",
            description = "Use the first test sample of this class, by its name (e.g. setosa, or a folder's name)."
                    + " Default: the first test sample, or the first " + DEFAULT_DIGIT + " for an MNIST model.")
    String className;

    @Option(names = "--index", paramLabel = "N", description = "Use test sample N instead of a class.")
    Integer index;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Tables and image folders: the fraction train held out as the test set, if not the"
                    + " default " + PreparationOptions.DEFAULT_TEST_FRACTION + ".")
    Double testFraction;

    @Option(names = "--skip-bad",
            description = "Image folders: leave out unreadable images, as train --skip-bad did.")
    boolean skipBad;

    @Option(names = {"-r", "--learning-rate"}, paramLabel = "RATE", defaultValue = "0.1",
            description = "η of the gradient-descent step shown last. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the figures.")
    Path out;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = "Draw augmented samples instead (augmented.svg): the first test digits as they are and"
                    + " with random distortions of SPEC, as train --augment takes it, e.g. affine+elastic.")
    String augment;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "The distortions --augment draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    LandscapeExplain landscape;

    @Option(names = "--attribution",
            description = "Write attribution.csv and attribution.svg instead: which inputs made one output's score"
                    + " (its logit), as the gradient, gradient × input and integrated gradients, with their"
                    + " completeness check; for a test sample, or for IMAGE.")
    boolean attribution;

    @Option(names = "--target", paramLabel = "D",
            description = "With --attribution: the output explained, by number or class name. Default: the class"
                    + " the network answers.")
    String target;

    @Parameters(arity = "0..1", paramLabel = "IMAGE",
            description = "With --attribution: a PNG or JPEG file to explain instead of a test sample, prepared as"
                    + " predict prepares it.")
    Path image;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        requireOutputFolder();
        if (attribution && landscape.landscape) {
            throw new UsageException("--attribution and --landscape draw different figures; give one of them");
        }
        if (attribution) {
            if (augment != null) {
                throw new UsageException("--attribution and --augment draw different figures; give one of them");
            }
            return ExplainAttribution.write(this, stdout);
        }
        if (image != null || target != null) {
            throw new UsageException((image != null ? "IMAGE " + image : "--target") + " goes with --attribution;"
                    + " add it to explain which inputs made an output's score");
        }
        if (augment != null) {
            if (dataOptions.isTable() || dataOptions.isImageFolder()) {
                throw new UsageException("--augment draws MNIST-layout digits as train --augment distorts them; leave"
                        + " it out to explain a model on --data " + dataOptions.data);
            }
            Augmentation augmentation = UsageException.wrap(() -> Augmentation.parse(augment));
            Dataset test = dataOptions.load(spec.commandLine().getErr()).test();
            Path file = AugmentationFigure.write(test, augmentation, seed, out.resolve("augmented.svg"));
            stdout.println("Wrote " + file + " (" + augmentation + ")");
            return Main.OK;
        }
        if (landscape.landscape) {
            SavedModel saved = modelOption.load();
            return landscape.run(saved, data(saved, ModelInputs.of(saved.metadata())).train(), seed, out, stdout);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new UsageException("--learning-rate must be in (0, 10], got " + learningRate);
        }
        if (index != null && (digit != null || className != null) || digit != null && className != null) {
            throw new UsageException("pick the sample one way: --index, --class or --digit");
        }
        SavedModel saved = modelOption.load();
        ModelInputs inputs = ModelInputs.of(saved.metadata());
        if (inputs.isRegression()) {
            throw new UsageException(modelOption.model + " predicts a number (regression): explain follows the true"
                    + " class's output back through the network, so it takes classifiers (of MNIST-layout data, image"
                    + " folders, tables with classes); evaluate and predict take this model");
        }
        ExplainedSample sample = sample(saved, inputs);
        BackpropTrace trace = UsageException.wrap(() -> Explainer.of(saved.network(), ModelOption.loss(saved),
                KernelChoice.provider()).backprop(sample.input(), sample.label(), OptimizerConfig.of("sgd"),
                learningRate));
        List<Path> files = StepFigures.write(trace, sample.index(), inputs, out);
        int label = sample.label();
        stdout.printf(Locale.ROOT, "Test %s %d (a %s): the network gave it %.1f %%; after one step of η = %s,"
                        + " %.1f %%.%n", sample.word(), sample.index(), sample.className(),
                100 * trace.before().probabilities()[label], learningRate, 100 * trace.after().probabilities()[label]);
        for (Path file : files) {
            stdout.println("Wrote " + file);
        }
        return Main.OK;
    }

    /** The test sample the options pick, from the model's kind of test set. */
    ExplainedSample sample(SavedModel saved, ModelInputs inputs) {
        Dataset test = testSet(saved, inputs);
        if (test.features() != saved.network().inputSize()) {
            throw new UsageException("--data " + dataOptions.describe() + ": its samples have " + test.features()
                    + " values, the model reads " + saved.network().inputSize() + "; pass the data it was trained on");
        }
        return digit != null
                ? ExplainedSample.pick(test, inputs, null, digit.toString(), "--digit")
                : ExplainedSample.pick(test, inputs, index, className == null && isMnist(inputs)
                        ? Integer.toString(DEFAULT_DIGIT) : className, "--class");
    }

    /** The digit an MNIST model is explained on when no sample is named, as the lab's Backprop panel starts. */
    static final int DEFAULT_DIGIT = 3;

    private static boolean isMnist(ModelInputs inputs) {
        return inputs.equals(ModelInputs.digits());
    }

    /**
     * The model's kind of test set: an IDX folder's, or a table's or image folder's drawn as
     * train drew it, prepared with the model's own preparation.
     */
    private Dataset testSet(SavedModel saved, ModelInputs inputs) {
        return data(saved, inputs).test();
    }

    /** The model's training and test sets, as {@link #testSet} draws them. */
    private dev.glassbox.data.MnistData data(SavedModel saved, ModelInputs inputs) {
        long seed = UsageException.wrap(() -> ExplainedSample.splitSeed(saved.metadata()));
        UserData loaded = dataOptions.loadForModel(inputs, PreparationOptions.forModel(testFraction, skipBad), seed,
                spec.commandLine().getOut(), spec.commandLine().getErr());
        if (!loaded.inputs().classNames().equals(inputs.classNames())) {
            throw new DatasetException("--data " + dataOptions.describe() + ": its classes ("
                    + ExplainedSample.listed(loaded.inputs().classNames()) + ") are not the model's ("
                    + ExplainedSample.listed(inputs.classNames()) + "); pass the data it was trained on");
        }
        return loaded.data();
    }

    /**
     * --out is a folder (or nothing yet), and no figure this command may write there is a device,
     * FIFO or socket: fails before any figure is drawn.
     */
    private void requireOutputFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file; give a folder for the figures");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            for (Path entry : entries.filter(e -> FIGURE.matcher(e.getFileName().toString()).matches()).toList()) {
                OutputFiles.requireReplaceable("--out", entry, "figures");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + out + ": cannot list the folder (" + Errors.describe(e) + ")", e);
        }
    }

    /**
     * The names of the files explain writes: {@code 1-output-error.svg} …, {@code augmented.svg},
     * {@code attribution.svg} and {@code attribution.csv}, and the landscape's.
     */
    private static final Pattern FIGURE = Pattern.compile(
            "\\d+-.*\\.svg|augmented\\.svg|attribution\\.(svg|csv)|landscape\\.(svg|csv)|trajectory\\.csv|line\\.csv");

}
