package dev.glassbox.cli;

import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.loss.Loss;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --model}: the model file to use, by default the one {@code train} writes; a model from
 * another tool (ONNX, a PyTorch state_dict) read as {@link ImportOptions} say.
 */
final class ModelOption {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", defaultValue = "model.safetensors",
            description = "A model saved by glassbox train, an ONNX model (.onnx), or a PyTorch state_dict saved as"
                    + " safetensors (with --layers). Default: ${DEFAULT-VALUE}.")
    Path model;

    @Mixin
    ImportOptions importOptions;

    SavedModel load() {
        if (!Files.exists(model)) {
            throw new IllegalArgumentException(model + ": no such model file. Train one first with ./glassbox train"
                    + " (it writes model.safetensors), or pass --model FILE.");
        }
        return ModelFiles.load(model, importOptions.options());
    }

    /** The loss recorded with the model, which also says how outputs become probabilities. */
    static Loss loss(SavedModel saved) {
        return Loss.byName(saved.metadata().getOrDefault("glassbox.loss", "cross-entropy"));
    }
}
