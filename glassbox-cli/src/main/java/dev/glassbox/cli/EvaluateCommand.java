package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import java.io.PrintWriter;
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
        MnistData data = dataOptions.load(spec.commandLine().getErr());
        Dataset test = data.test();
        Evaluation result;
        try (Kernels kernels = KernelChoice.create(threadCount)) {
            result = Evaluator.evaluate(saved.network(), ModelOption.loss(saved), test, kernels);
        }
        out.printf(Locale.ROOT, "Model %s (%s) on %s: %,d test images%n", modelOption.model, saved.network().spec(),
                dataOptions.describe(), test.size());
        out.println("Accuracy: " + ProgressReporter.describe(result));
        out.printf(Locale.ROOT, "Loss: %.4f%n%n", result.loss());
        printConfusion(out, result.confusion());
        out.flush();
        return Main.OK;
    }

    static void printConfusion(PrintWriter out, ConfusionMatrix m) {
        out.println("Confusion matrix (rows: true digit, columns: predicted digit)");
        StringBuilder header = new StringBuilder("true\\pred");
        for (int p = 0; p < m.classes(); p++) {
            header.append(String.format(Locale.ROOT, "%6d", p));
        }
        header.append("   precision  recall");
        out.println(header);
        for (int t = 0; t < m.classes(); t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%9d", t));
            for (int p = 0; p < m.classes(); p++) {
                row.append(String.format(Locale.ROOT, "%6d", m.count(t, p)));
            }
            row.append(String.format(Locale.ROOT, "   %8s  %6s", percentOrDash(m.precision(t)),
                    percentOrDash(m.recall(t))));
            out.println(row);
        }
    }

    private static String percentOrDash(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
