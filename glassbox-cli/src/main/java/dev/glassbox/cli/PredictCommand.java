package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.data.ImageFolder;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.tensor.Matrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code glassbox predict}: reads digits from images. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Reads the digit in each image (PNG or JPEG, dark ink on light paper or the reverse) and"
                + " prints the three most likely digits with their probabilities.",
            "Images are prepared as MNIST's were: grayscale, cropped to the ink, scaled into 20×20, centred by mass"
                    + " in 28×28.",
            "With a model trained on a table, reads CSV files of rows (the label column may be there or not) and"
                    + " writes each row's prediction as CSV: the class and its probability, then every class's"
                    + " probability; or the predicted number."})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files; CSV files for a table's model.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SavedModel saved = modelOption.load();
        ModelInputs inputs = ModelInputs.of(saved.metadata());
        if (inputs instanceof ModelInputs.Table table) {
            return TablePredictions.write(saved, table.preparation(), images, out, err);
        }
        ModelInputs.Images kind = (ModelInputs.Images) inputs;
        if (saved.network().inputSize() != kind.inputSize()) {
            throw new IllegalArgumentException(modelOption.model + " expects " + saved.network().inputSize()
                    + " inputs, but its file says it reads " + kind.shape() + " images (" + kind.inputSize() + ")");
        }
        ImageFolder.Options read = ImageFolder.Options.of(kind.preparation());
        Loss loss = ModelOption.loss(saved);
        int failures = 0;
        Kernels kernels = KernelChoice.create(1); // one thread starts no worker: nothing to close
        for (Path image : images) {
            try {
                byte[] pixels = ImageFolder.loadImage(image, read);
                Matrix x = Matrix.wrap(1, pixels.length, Dataset.pixelInputs(pixels));
                Matrix logits = saved.network().predict(x, kernels);
                Matrix probabilities = Matrix.zeros(1, logits.cols());
                loss.probabilities(logits, probabilities);
                out.println(image + ": " + top3(probabilities, kind.classNames()));
            } catch (RuntimeException e) {
                // One unreadable image should not hide the answers for the others.
                failures++;
                err.println("glassbox: " + Errors.describe(e));
            }
        }
        out.flush();
        return failures == 0 ? Main.OK : Main.RUNTIME_ERROR;
    }

    private static String top3(Matrix probabilities, List<String> names) {
        float[] p = probabilities.data();
        List<Integer> order = new ArrayList<>(IntStream.range(0, p.length).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer c) -> -p[c]));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(3, order.size()); i++) {
            int c = order.get(i);
            String name = c < names.size() ? names.get(c) : Integer.toString(c);
            s.append(i == 0 ? "" : "   ").append(String.format(Locale.ROOT, "%s (%.1f %%)", name, 100 * p[c]));
        }
        return s.toString();
    }
}
