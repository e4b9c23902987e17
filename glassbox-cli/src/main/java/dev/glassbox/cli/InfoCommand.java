package dev.glassbox.cli;

import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.Glassbox;
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

/** {@code glassbox info}: the engine, and a saved model's architecture and provenance. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the engine (version, Java, kernels) and, if the model file exists, its architecture,"
                + " parameter count and provenance.")
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
        out.println("Kernels  " + KernelChoice.implementationName() + " (-D" + KernelChoice.PROPERTY + "=… to force)");
        out.println("Cores    " + Runtime.getRuntime().availableProcessors());
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
        out.println("Network  " + saved.network().spec());
        out.printf(Locale.ROOT, "Parameters %,d%n", saved.network().parameterCount());
        for (Layer layer : saved.network().layers()) {
            StringBuilder line = new StringBuilder("  ").append(layer);
            for (Parameter p : layer.parameters()) {
                line.append("  ").append(p.name()).append(' ').append(p.value().shape());
            }
            out.println(line);
        }
        out.println("Provenance");
        for (Map.Entry<String, String> e : saved.metadata().entrySet()) {
            out.println("  " + e.getKey() + " = " + e.getValue());
        }
        out.flush();
        return Main.OK;
    }
}
