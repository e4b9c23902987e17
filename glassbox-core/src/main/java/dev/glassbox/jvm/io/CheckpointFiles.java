package dev.glassbox.jvm.io;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.CheckpointCodec;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingState;
import java.nio.file.Path;
import java.util.Map;

/**
 * A training checkpoint on disk: {@link CheckpointCodec}'s bytes, written like a model — to a
 * temporary file, forced to disk, then renamed over the previous checkpoint, which stays valid
 * until then.
 */
public final class CheckpointFiles {
    private static final String KIND = "checkpoint";

    private CheckpointFiles() {}

    /**
     * Saves {@code network}'s weights and the run's {@code state} atomically.
     *
     * @param metadata the caller's own entries (e.g. the command line), stored as given
     * @throws ModelFileException naming the file, if it cannot be written
     */
    public static void save(Path file, Network network, TrainingState state, Map<String, String> metadata) {
        if (file == null || network == null || state == null || metadata == null) {
            throw new IllegalArgumentException(
                    "CheckpointFiles.save: file, network, state and metadata must not be null");
        }
        SafetensorsFiles.write(file, KIND, out -> CheckpointCodec.write(network, state, metadata, out));
    }

    /**
     * Reads a checkpoint, checking it as strictly as a model file, then its state.
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static Checkpoint load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("CheckpointFiles.load: file must not be null");
        }
        try {
            return CheckpointCodec.read(SafetensorsFiles.read(file, KIND));
        } catch (ModelFileException e) {
            throw e.file() == null ? e.naming(file.toString()) : e;
        }
    }
}
