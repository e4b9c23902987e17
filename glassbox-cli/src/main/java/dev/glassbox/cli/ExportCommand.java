package dev.glassbox.cli;

import dev.glassbox.io.OnnxExport;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.jvm.io.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glassbox export}: a model as ONNX, for any runtime, or as a Glassbox model — e.g. an ONNX
 * or PyTorch model saved in Glassbox's own format, to train it further or open it anywhere.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes a model in another format: --format onnx for ONNX Runtime and other runtimes (opset 13, or 20"
                    + " for GELU; outputs logits and probabilities, or value for a regression; the input is what the"
                    + " network reads: pixels / 255, or the table's prepared features), or --format safetensors for a"
                    + " Glassbox model (e.g. of an ONNX model or a PyTorch state_dict)."
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--format", paramLabel = "FORMAT", required = true,
            description = "onnx or safetensors.")
    String format;

    @Parameters(paramLabel = "OUT", description = "The file to write (replaced atomically if it exists).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("onnx") && !kind.equals("safetensors")) {
            throw new UsageException("--format must be onnx or safetensors, got '" + format + "'");
        }
        OutputFiles.requireReplaceable("OUT", out, kind.equals("onnx") ? "model.onnx" : "model.safetensors");
        if (OutputFiles.sameFile(out, modelOption.model)) {
            throw new UsageException("OUT " + out + " is the --model file; write the export to another file");
        }
        SavedModel saved = modelOption.load();
        PrintWriter stdout = spec.commandLine().getOut();
        if (kind.equals("safetensors")) {
            ModelFiles.save(out, saved.network(), saved.metadata());
        } else {
            byte[] onnx = OnnxExport.write(saved.network(), saved.metadata());
            try {
                AtomicFiles.replace(out, ".onnx", temp -> Files.write(temp, onnx));
            } catch (IOException e) {
                throw new UncheckedIOException("OUT " + out + ": cannot write (" + Errors.describe(e) + ")", e);
            }
        }
        stdout.printf(Locale.ROOT, "Wrote %s (%s, %,d parameters, %s)%n", out, saved.network().spec(),
                saved.network().parameterCount(), kind.equals("onnx") ? "ONNX opset "
                        + (OnnxExport.needsGelu(saved.network().spec()) ? OnnxExport.GELU_OPSET : OnnxExport.OPSET)
                        : "a Glassbox model");
        stdout.flush();
        return Main.OK;
    }
}
