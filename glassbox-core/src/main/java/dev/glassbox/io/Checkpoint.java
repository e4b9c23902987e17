package dev.glassbox.io;

import dev.glassbox.train.TrainingState;
import java.util.Map;

/**
 * A checkpoint as read back: the network with its weights at the moment of saving, the run's
 * state, and the caller's metadata (e.g. the command line that started the run).
 *
 * @param model the network and the file's metadata
 * @param state what {@link dev.glassbox.train.Trainer#resume} needs besides the network
 */
public record Checkpoint(SavedModel model, TrainingState state) {

    /** The metadata saved with the checkpoint, {@code glassbox.*} entries included. */
    public Map<String, String> metadata() {
        return model.metadata();
    }
}
