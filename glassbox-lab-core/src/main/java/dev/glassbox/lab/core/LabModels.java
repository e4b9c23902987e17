package dev.glassbox.lab.core;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.loss.Loss;

/** Model files as the lab opens them: any safetensors file Glassbox wrote, if it reads 28×28 digits into 10 classes. */
public final class LabModels {
    private LabModels() {}

    /**
     * Reads a model from the bytes of a .safetensors file.
     *
     * @throws IllegalArgumentException naming the problem: not a model file ({@link ModelCodec}'s
     *     message), or a network that does not read 784 pixels into 10 outputs
     */
    public static SavedModel read(byte[] safetensors) {
        SavedModel saved = ModelCodec.read(safetensors);
        if (saved.network().inputSize() != Images.PIXELS || saved.network().outputSize() != 10) {
            throw new IllegalArgumentException("the network " + saved.network().spec() + " does not read 28×28 = 784"
                    + " pixels into 10 digits; the lab shows MNIST-shaped networks");
        }
        return saved;
    }

    /** The loss the model was trained with, which also turns its outputs into probabilities. */
    public static Loss loss(SavedModel saved) {
        return Loss.byName(saved.metadata().getOrDefault("glassbox.loss", "cross-entropy"));
    }
}
