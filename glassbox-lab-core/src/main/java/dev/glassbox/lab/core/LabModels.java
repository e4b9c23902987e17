package dev.glassbox.lab.core;

import dev.glassbox.data.DatasetException;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.loss.Loss;

/** Model files as the lab opens them: any safetensors file Glassbox wrote, if it reads the lab's data. */
public final class LabModels {
    private LabModels() {}

    /**
     * Reads a model from the bytes of a .safetensors file.
     *
     * @throws IllegalArgumentException naming the problem: not a model file ({@link ModelCodec}'s
     *     message), or a model that reads other inputs than the lab's data ({@link LabData#requireReadable})
     */
    public static SavedModel read(byte[] safetensors, LabData data) {
        SavedModel saved = ModelCodec.read(safetensors);
        try {
            data.requireReadable(saved.network(), saved.metadata());
        } catch (DatasetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return saved;
    }

    /** The loss the model was trained with, which also turns its outputs into probabilities. */
    public static Loss loss(SavedModel saved) {
        return Loss.byName(saved.metadata().getOrDefault("glassbox.loss", "cross-entropy"));
    }
}
