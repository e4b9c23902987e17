package dev.glassbox.cli;

import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.io.TableJson;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.jvm.kernels.CpuInfo;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Parameter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glassbox info}: the engine and the machine, and a saved model's architecture and provenance. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the engine and the machine (version, Java, CPU, kernels and their shape, cores, the"
                + " start-up cache) and, if the model file exists, its architecture, parameter count and provenance.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Glassbox " + Glassbox.version());
        out.println("Java     " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        out.println("CPU      " + CpuInfo.current().describe());
        KernelDescription kernels = KernelDescription.current();
        out.println("Kernels  " + kernels.name() + kernels.detail() + " (-D" + KernelChoice.PROPERTY + "=… to force)");
        out.println("Cores    " + Runtime.getRuntime().availableProcessors());
        out.println("Start-up " + AotCacheStatus.describe());
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--model");
        if (!explicit && !Files.exists(modelOption.model)) {
            out.println();
            out.println("No " + modelOption.model + " here yet: ./glassbox train writes one.");
            out.flush();
            return Main.OK;
        }
        SavedModel saved = modelOption.load();
        out.println();
        out.println("Model    " + modelOption.model);
        String from = saved.metadata().get("glassbox.imported_from");
        if (from != null) {
            String normalize = saved.metadata().get("glassbox.normalize");
            out.println("From     " + from + (normalize == null ? "" : "; inputs normalised (x - mean) / std with "
                    + normalize + ", folded into the first layer"));
        }
        out.println("Network  " + saved.network().spec());
        out.printf(Locale.ROOT, "Parameters %,d%n", saved.network().parameterCount());
        for (Layer layer : saved.network().layers()) {
            StringBuilder line = new StringBuilder("  ").append(layer);
            for (Parameter p : layer.parameters()) {
                line.append("  ").append(p.name()).append(' ').append(p.value().shape());
            }
            out.println(line);
        }
        printInputs(out, ModelInputs.of(saved.metadata()));
        out.println("Provenance");
        for (Map.Entry<String, String> e : saved.metadata().entrySet()) {
            if (!e.getKey().equals(TableJson.METADATA_KEY) && !e.getKey().equals(ModelInputs.IMAGES_KEY)) {
                out.println("  " + e.getKey() + " = " + e.getValue()); // the inputs are shown above
            }
        }
        out.flush();
        return Main.OK;
    }

    /** What the network reads and what its outputs mean. */
    private static void printInputs(PrintWriter out, ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Images images) {
            out.printf(Locale.ROOT, "Inputs   %s images, %s%s%n", images.shape(),
                    images.shape().channels() == 1 ? "gray" : "RGB",
                    images.preparation().prepare() == ImagePreparation.Prepare.DIGIT
                            ? ", prepared as MNIST's digits (cropped to the ink, centred by mass)" : "");
            out.println("Classes  " + String.join(", ", images.classNames()));
            return;
        }
        TablePreparation p = ((ModelInputs.Table) inputs).preparation();
        out.printf(Locale.ROOT, "Inputs   %d columns of a table → %d inputs; missing cells: %s%n", p.features().size(),
                p.inputSize(), p.missing().key());
        for (TablePreparation.Feature feature : p.features()) {
            if (feature instanceof TablePreparation.NumberFeature n) {
                out.printf(Locale.ROOT, "  %s: number, standardised with mean %s and deviation %s%n", n.name(),
                        Scores.number(n.mean(), 6), Scores.number(n.sd(), 6));
            } else {
                TablePreparation.TextFeature t = (TablePreparation.TextFeature) feature;
                out.printf(Locale.ROOT, "  %s: text, one input per value (%d): %s%n", t.name(), t.values().size(),
                        String.join(", ", t.values().size() <= 10 ? t.values() : t.values().subList(0, 10))
                                + (t.values().size() <= 10 ? "" : ", …"));
            }
        }
        if (p.task() == TablePreparation.Task.REGRESSION) {
            out.printf(Locale.ROOT, "Predicts %s, a number (regression; standardised with mean %s and deviation %s)%n",
                    p.label(), Scores.number(p.targetMean(), 6), Scores.number(p.targetSd(), 6));
        } else {
            out.println("Predicts " + p.label() + ", one of " + p.classNames().size() + " classes: "
                    + String.join(", ", p.classNames()));
        }
    }
}
