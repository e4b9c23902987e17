package dev.glassbox.io;

import dev.glassbox.nn.Network;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A model file that carries more tensors after the network's parameters — as a checkpoint
 * carries its optimizer's state ({@link CheckpointCodec}) and a trajectory its snapshots — each
 * stored as {@code checkpoint.<name>}, shape (1, n), so the file stays readable as a model.
 */
public final class ExtendedModelCodec {
    private ExtendedModelCodec() {}

    /** The model and its extra tensors, by name without the prefix. */
    public record Contents(SavedModel model, Map<String, float[]> extras) {}

    /** The bytes of {@code network}, {@code metadata} and {@code extras}. */
    public static byte[] write(Network network, Map<String, String> metadata, Map<String, float[]> extras, String kind) {
        return ModelCodec.toBytes(network, metadata, extras, kind);
    }

    /**
     * Reads such a file as strictly as a model.
     *
     * @param kind what the file should hold, for messages, e.g. {@code trajectory}
     * @throws ModelFileException naming the first problem found
     */
    public static Contents read(byte[] bytes, String kind) {
        ModelFileReader.Contents contents = new ModelFileReader(ByteBuffer.wrap(bytes), kind).read(true);
        return new Contents(contents.model(), contents.extras());
    }
}
