package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glassbox evaluate}: accuracy, confusion matrix and per-class precision/recall on the test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures a saved model on the test set: accuracy, confusion matrix, per-class precision"
                + " and recall.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads. Default: the number of cores.")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int threadCount = ThreadCount.of(threads);
        ThreadCount.warn(threads, spec.commandLine().getErr());
        SavedModel saved = modelOption.load();
        ModelInputs inputs = ModelInputs.of(saved.metadata());
        Dataset test = testSet(inputs);
        Evaluation result;
        try (Kernels kernels = KernelChoice.create(threadCount)) {
            result = Evaluator.evaluate(saved.network(), ModelOption.loss(saved), test, kernels);
        }
        Scores scores = Scores.of(inputs);
        out.printf(Locale.ROOT, "Model %s (%s) on %s: %,d test %s%n", modelOption.model, saved.network().spec(),
                dataOptions.describe(), test.size(), test.isImages() ? "images" : "rows");
        out.println(capitalised(scores.measure()) + ": " + scores.describe(result));
        out.printf(Locale.ROOT, "Loss: %.4f%n", result.loss());
        if (!result.isRegression()) {
            out.println();
            printConfusion(out, result.confusion(), inputs.classNames());
        }
        out.flush();
        return Main.OK;
    }

    /**
     * The model's kind of data, prepared as in training: a table's rows from --data, an image
     * folder's images, or an IDX folder's test set.
     */
    private Dataset testSet(ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Table table) {
            if (dataOptions.data == null || !dataOptions.isTable()) {
                throw new UsageException(modelOption.model + " was trained on a table: pass --data FILE.csv with its"
                        + " columns, the label '" + table.preparation().label() + "' included");
            }
            return UserData.tableForModel(Path.of(dataOptions.data), table.preparation());
        }
        if (dataOptions.isImageFolder()) {
            return UserData.imagesForModel(Path.of(dataOptions.data), (ModelInputs.Images) inputs,
                    spec.commandLine().getErr());
        }
        return dataOptions.load(spec.commandLine().getErr()).test();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** The confusion matrix with the classes' names (cut to {@value #MOST_NAME} characters), and per-class figures. */
    static void printConfusion(PrintWriter out, ConfusionMatrix m, List<String> names) {
        int width = 6;
        for (int c = 0; c < m.classes(); c++) {
            width = Math.max(width, name(names, c).length() + 2);
        }
        String cell = "%" + width + "s";
        out.println("Confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%" + Math.max(9, width) + "s",
                "true\\pred"));
        for (int p = 0; p < m.classes(); p++) {
            header.append(String.format(Locale.ROOT, cell, name(names, p)));
        }
        header.append("   precision  recall");
        out.println(header);
        for (int t = 0; t < m.classes(); t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%" + Math.max(9, width) + "s",
                    name(names, t)));
            for (int p = 0; p < m.classes(); p++) {
                row.append(String.format(Locale.ROOT, "%" + width + "d", m.count(t, p)));
            }
            row.append(String.format(Locale.ROOT, "   %8s  %6s", percentOrDash(m.precision(t)),
                    percentOrDash(m.recall(t))));
            out.println(row);
        }
    }

    private static final int MOST_NAME = 12;

    private static String name(List<String> names, int c) {
        String name = c < names.size() ? names.get(c) : Integer.toString(c);
        return name.length() <= MOST_NAME ? name : name.substring(0, MOST_NAME - 1) + "…";
    }

    private static String percentOrDash(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
