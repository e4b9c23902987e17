package dev.glassbox.lab.core;

import dev.glassbox.data.DatasetException;
import dev.glassbox.io.ModelFormats;
import dev.glassbox.io.OnnxImport;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.loss.Loss;

/**
 * Model files as the lab opens them: any model Glassbox wrote, an ONNX model or a PyTorch
 * state_dict ({@link ModelFormats}), if it reads the lab's data.
 */
public final class LabModels {
    private LabModels() {}

    /**
     * Reads a Glassbox model, or an ONNX one, from a file's bytes.
     *
     * @throws IllegalArgumentException naming the problem: not a model file (the codec's
     *     message), or a model that reads other inputs than the lab's data ({@link LabData#requireReadable})
     */
    public static SavedModel read(byte[] safetensors, LabData data) {
        return read(safetensors, data, ModelFormats.Options.NONE);
    }

    /**
     * Reads a model of any format {@link ModelFormats} knows — a Glassbox model, an ONNX model, or
     * a PyTorch state_dict whose layers {@code options} name — if it reads the lab's data.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static SavedModel read(byte[] bytes, LabData data, ModelFormats.Options options) {
        SavedModel saved = ModelFormats.read(bytes, options);
        try {
            data.requireReadable(saved.network(), saved.metadata());
        } catch (DatasetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return saved;
    }

    /**
     * The page's import options: {@code layers} (a PyTorch state_dict's spec) and {@code normalize}
     * ({@code MEAN,STD}), each null or blank when not given.
     *
     * @throws IllegalArgumentException naming a bad value
     */
    public static ModelFormats.Options options(String layers, String normalize) {
        NetworkSpec spec = layers == null || layers.isBlank() ? null : NetworkSpec.parse(layers.trim());
        OnnxImport.Normalize n = null;
        if (normalize != null && !normalize.isBlank()) {
            String[] parts = normalize.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("normalize: expected MEAN,STD, got '" + normalize + "'");
            }
            try {
                n = new OnnxImport.Normalize(new float[] {Float.parseFloat(parts[0].trim())},
                        new float[] {Float.parseFloat(parts[1].trim())});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("normalize: expected two numbers, MEAN,STD, got '" + normalize + "'");
            }
        }
        return new ModelFormats.Options(spec, n);
    }

    /** The loss the model was trained with, which also turns its outputs into probabilities. */
    public static Loss loss(SavedModel saved) {
        return Loss.byName(saved.metadata().getOrDefault("glassbox.loss", "cross-entropy"));
    }
}
