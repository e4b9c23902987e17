package dev.glassbox.jvm.io;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.ModelFormats;
import dev.glassbox.io.SavedModel;
import dev.glassbox.nn.Network;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link Network} saved to and loaded from a safetensors file: {@link ModelCodec}'s bytes,
 * written atomically (a temporary file beside the target, forced to disk, renamed over it, so a
 * reader sees the old file or the new one, never a mixture) and read after checking that the
 * path is a regular file of a size that fits.
 */
public final class ModelFiles {
    private static final String KIND = "model";

    private ModelFiles() {}

    /**
     * Writes {@code network} and {@code metadata} to {@code file} atomically, creating missing
     * parent directories. On failure an existing file is left untouched and no temporary file
     * remains.
     *
     * @param metadata as for {@link ModelCodec#write(Network, Map)}
     * @throws ModelFileException naming the file, if it cannot be written or a parameter is NaN or
     *     infinite
     */
    public static void save(Path file, Network network, Map<String, String> metadata) {
        if (file == null || network == null || metadata == null) {
            throw new IllegalArgumentException("ModelFiles.save: file, network and metadata must not be null");
        }
        SafetensorsFiles.write(file, KIND, out -> ModelCodec.write(network, metadata, out));
    }

    /**
     * Reads a model file; see {@link ModelCodec#read(java.nio.ByteBuffer)} for what is checked.
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static SavedModel load(Path file) {
        return load(file, ModelFormats.Options.NONE);
    }

    /**
     * Reads a model file of any format {@link ModelFormats} knows: a Glassbox model, a PyTorch
     * state_dict in safetensors (with {@code options.layers()}) or an ONNX model.
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static SavedModel load(Path file, ModelFormats.Options options) {
        if (file == null || options == null) {
            throw new IllegalArgumentException("ModelFiles.load: file and options must not be null");
        }
        try {
            return ModelFormats.read(SafetensorsFiles.read(file, KIND).array(), options);
        } catch (ModelFileException e) {
            throw e.file() == null ? e.naming(file.toString()) : e;
        }
    }
}
