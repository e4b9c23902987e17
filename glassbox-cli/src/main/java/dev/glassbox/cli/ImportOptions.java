package dev.glassbox.cli;

import dev.glassbox.io.ModelFormats;
import dev.glassbox.io.OnnxImport;
import dev.glassbox.nn.NetworkSpec;
import picocli.CommandLine.Option;

/**
 * {@code --layers} and {@code --normalize}: how to read a model another tool made — a PyTorch
 * state_dict in safetensors, which holds weights only, or an ONNX model — for every command that
 * opens one.
 */
final class ImportOptions {
    @Option(names = "--layers", paramLabel = "SPEC",
            description = "For a PyTorch state_dict saved as safetensors (weights only): its layers and activations,"
                    + " e.g. 784-512-relu-512-relu-10. Glassbox and ONNX models record their own.")
    String layers;

    @Option(names = "--normalize", paramLabel = "MEAN,STD",
            description = "For a model from another tool trained on normalised inputs, (x - MEAN) / STD with x in [0, 1]"
                    + " (e.g. 0.1307,0.3081 for PyTorch's MNIST tutorials, 0.2860,0.3530 for Fashion-MNIST): folded into"
                    + " its first layer and recorded with it.")
    String normalize;

    /** The options as the engine takes them. */
    ModelFormats.Options options() {
        NetworkSpec spec = layers == null ? null : UsageException.wrap(() -> NetworkSpec.parse(layers));
        return new ModelFormats.Options(spec, normalize == null ? null : UsageException.wrap(() -> parse(normalize)));
    }

    /** {@code MEAN,STD}, or means then deviations for each channel. */
    static OnnxImport.Normalize parse(String text) {
        String[] parts = text.split(",");
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("--normalize expects MEAN,STD (or the means then the deviations of each"
                    + " channel), got '" + text + "'");
        }
        float[] mean = new float[parts.length / 2];
        float[] std = new float[parts.length / 2];
        for (int i = 0; i < parts.length; i++) {
            float v;
            try {
                v = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--normalize: '" + parts[i].trim() + "' is not a number");
            }
            (i < mean.length ? mean : std)[i % mean.length] = v;
        }
        return new OnnxImport.Normalize(mean, std);
    }
}
