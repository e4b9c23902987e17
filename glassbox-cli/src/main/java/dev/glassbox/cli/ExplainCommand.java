package dev.glassbox.cli;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
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

/** {@code glassbox explain}: one test image's backprop step, drawn as the lab draws it, as SVG files. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the steps of backpropagation on one test image as SVG figures, for slides and documents: the"
                    + " error at the output, the weights into the right output, the desired changes of each hidden"
                    + " layer, and the update applied.",
            "Every number is the engine's own gradient for that image, as in the lab's Backprop panel.",
            "With --augment SPEC it draws augmented.svg instead: a few test digits, each with eight distortions as"
                    + " train --augment SPEC would draw them (no model needed)."
        })
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--digit", paramLabel = "D", defaultValue = "3",
            description = "Use the first test image of this digit. Default: ${DEFAULT-VALUE}.")
    int digit;

    @Option(names = "--index", paramLabel = "N", description = "Use test image N instead of --digit.")
    Integer index;

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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        requireOutputFolder();
        if (augment != null) {
            Augmentation augmentation = UsageException.wrap(() -> Augmentation.parse(augment));
            Dataset test = dataOptions.load(spec.commandLine().getErr()).test();
            Path file = AugmentationFigure.write(test, augmentation, seed, out.resolve("augmented.svg"));
            stdout.println("Wrote " + file + " (" + augmentation + ")");
            return Main.OK;
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new UsageException("--learning-rate must be in (0, 10], got " + learningRate);
        }
        SavedModel saved = modelOption.load();
        MnistData data = dataOptions.load(spec.commandLine().getErr());
        Dataset test = data.test();
        int image = index != null ? checkIndex(index, test) : firstOf(digit, test);
        int[] pixels = test.image(image);
        float[] input = new float[pixels.length];
        for (int i = 0; i < input.length; i++) {
            input[i] = pixels[i] / 255f; // as the data set scales pixels for training
        }
        BackpropTrace trace = UsageException.wrap(() -> Explainer.of(saved.network(), ModelOption.loss(saved), KernelChoice.provider())
                .backprop(input, test.label(image), OptimizerConfig.of("sgd"), learningRate));
        List<Path> files = StepFigures.write(trace, image, out);
        stdout.printf(Locale.ROOT, "Test image %d (a %d): the network gave it %.1f %%; after one step of η = %s,"
                        + " %.1f %%.%n", image, test.label(image), 100 * trace.before().probabilities()[test.label(image)],
                learningRate, 100 * trace.after().probabilities()[test.label(image)]);
        for (Path file : files) {
            stdout.println("Wrote " + file);
        }
        return Main.OK;
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

    /** The names of the figures explain writes: {@code 1-output-error.svg} …, {@code augmented.svg}. */
    private static final Pattern FIGURE = Pattern.compile("\\d+-.*\\.svg|augmented\\.svg");

    private static int checkIndex(int index, Dataset test) {
        if (index < 0 || index >= test.size()) {
            throw new UsageException("--index must be 0.." + (test.size() - 1) + ", got " + index);
        }
        return index;
    }

    private static int firstOf(int digit, Dataset test) {
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == digit) {
                return i;
            }
        }
        throw new UsageException("--digit " + digit + ": the test set has no image of it (labels are 0.."
                + (test.classes() - 1) + ")");
    }
}
