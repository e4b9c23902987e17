package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.explain.Attribution;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.data.ImageFolder;
import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.AttributionFigure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code glassbox explain --attribution}: which inputs made one output's score, for a test sample
 * (picked as {@code explain} picks it) or an image file (prepared as {@code predict} prepares it):
 * {@code attribution.csv}, one row per input with the engine's gradient, gradient × input and
 * integrated gradients, and {@code attribution.svg}, the three maps over the example with the
 * completeness check ({@link AttributionFigure}).
 */
final class ExplainAttribution {
    static final String CSV = "attribution.csv";
    static final String SVG = "attribution.svg";

    private ExplainAttribution() {}

    /** The example explained: the inputs as the network reads them, and what it is in words. */
    private record Example(float[] input, String words) {}

    static int write(ExplainCommand command, PrintWriter stdout) {
        if (command.image != null && (command.index != null || command.digit != null || command.className != null)) {
            throw new UsageException("pick the sample one way: IMAGE, --index, --class or --digit");
        }
        SavedModel saved = command.modelOption.load();
        ModelInputs inputs = ModelInputs.of(saved.metadata());
        if (inputs.isRegression()) {
            throw new UsageException(command.modelOption.model + " predicts a number (regression): --attribution"
                    + " explains one class's score, so it takes classifiers; the lab's Draw panel explains this"
                    + " model's number");
        }
        Example example = command.image != null ? image(command.image, saved, inputs)
                : testSample(command, saved, inputs);
        Explainer explainer = Explainer.of(saved.network(), ModelOption.loss(saved), KernelChoice.provider());
        ForwardTrace forward = explainer.forward(example.input());
        int answer = forward.predicted();
        int target = command.target == null ? answer : target(command.target, inputs, saved.network().outputSize());
        Attribution attribution = explainer.attribution(example.input(), target);

        Path csv = command.out.resolve(CSV);
        writeCsv(attribution, inputs, csv);
        Path svg = AttributionFigure.write(attribution, inputs, example.words(), command.out.resolve(SVG));
        Attribution.Completeness c = attribution.completeness();
        stdout.printf(Locale.ROOT, "%s: the network answers %s (%.1f %%). Why %s: the integrated gradients add up"
                        + " to %.4g, the score minus the baseline's is %.4g (%.3g %% apart, %d steps).%n",
                command.image != null ? example.words() : capitalised(example.words()), name(inputs, answer),
                100 * forward.probabilities()[answer],
                name(inputs, target), c.attributionSum(), c.difference(), 100 * c.relativeGap(), c.steps());
        stdout.println("Wrote " + csv);
        stdout.println("Wrote " + svg);
        return Main.OK;
    }

    /** An image file, prepared as the model's images were (as {@code predict} prepares it). */
    private static Example image(Path file, SavedModel saved, ModelInputs inputs) {
        if (!(inputs instanceof ModelInputs.Images images)) {
            throw new UsageException("IMAGE " + file + ": the model reads a table's rows, not images; pick a test"
                    + " row with --index (and pass the table with --data)");
        }
        if (saved.network().inputSize() != images.inputSize()) {
            throw new IllegalArgumentException(file + ": the model expects " + saved.network().inputSize()
                    + " inputs, but its file says it reads " + images.shape() + " images (" + images.inputSize() + ")");
        }
        byte[] pixels = ImageFolder.loadImage(file, ImageFolder.Options.of(images.preparation()));
        return new Example(Dataset.pixelInputs(pixels), String.valueOf(file.getFileName()));
    }

    /** A test sample, as {@code explain} picks it. */
    private static Example testSample(ExplainCommand command, SavedModel saved, ModelInputs inputs) {
        ExplainedSample sample = command.sample(saved, inputs);
        return new Example(sample.input(), "test " + sample.word() + " " + sample.index() + " (a "
                + sample.className() + ")");
    }

    /** {@code --target}: a class's name, or an output's number. */
    static int target(String given, ModelInputs inputs, int outputs) {
        int named = inputs.classNames().indexOf(given);
        if (named >= 0 && named < outputs) {
            return named;
        }
        try {
            int number = Integer.parseInt(given.trim());
            if (number >= 0 && number < outputs) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the message
        }
        throw new UsageException("--target " + given + ": expected one of the model's " + outputs + " outputs, by"
                + " number (0.." + (outputs - 1) + ") or by class (" + ExplainedSample.listed(inputs.classNames())
                + ")");
    }

    /**
     * One row per input: {@code pixel} (its index, row by row; for a colour image, channel by
     * channel within each pixel) or, for a table, {@code input} (its name, {@code column} or
     * {@code column = value}), then the three maps' values as the engine computed them.
     */
    private static void writeCsv(Attribution attribution, ModelInputs inputs, Path file) {
        Attribution.Maps maps = attribution.maps();
        float[] gradient = maps.gradient();
        float[] product = maps.gradientTimesInput();
        float[] integrated = maps.integrated();
        List<String> names = inputs instanceof ModelInputs.Table ? AttributionFigure.inputNames(inputs) : null;
        StringBuilder text = new StringBuilder();
        try {
            CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            csv.printRecord(names == null ? "pixel" : "input", "gradient", "gradient×input", "integrated");
            for (int i = 0; i < gradient.length; i++) {
                csv.printRecord(names == null ? Integer.toString(i) : names.get(i), Float.toString(gradient[i]),
                        Float.toString(product[i]), Float.toString(integrated[i]));
            }
            AtomicFiles.replace(file, ".csv", temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + Errors.describe(e) + ")", e);
        }
    }

    private static String name(ModelInputs inputs, int c) {
        return c < inputs.classNames().size() ? inputs.classNames().get(c) : Integer.toString(c);
    }

    private static String capitalised(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
