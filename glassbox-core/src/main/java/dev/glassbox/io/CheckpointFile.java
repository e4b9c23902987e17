package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint on disk: a model file (so {@code evaluate} or the lab can open it as it
 * is) whose metadata entry {@code glassbox.checkpoint} holds the run's state as JSON, and whose
 * extra tensors {@code checkpoint.optimizer.*} and {@code checkpoint.best.*} hold the optimizer's
 * arrays and the best epoch's weights. Written like a model: to a temporary file, forced to disk,
 * then renamed over the previous checkpoint, which stays valid until then.
 */
public final class CheckpointFile {
    /** The metadata entry holding the run's state. */
    public static final String STATE_KEY = "glassbox.checkpoint";
    private static final String OPTIMIZER = "optimizer.";
    private static final String BEST = "best.";
    private static final String KIND = "checkpoint";

    private CheckpointFile() {}

    /**
     * Saves {@code network}'s weights and the run's {@code state} atomically.
     *
     * @param metadata the caller's own entries (e.g. the command line), stored as given
     * @throws ModelFileException if the file cannot be written
     */
    public static void save(Path file, Network network, TrainingState state, Map<String, String> metadata) {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(STATE_KEY, TrainingStateJson.write(state));
        Map<String, float[]> extras = new LinkedHashMap<>();
        state.optimizer().arrays().forEach((name, values) -> extras.put(OPTIMIZER + name, values));
        state.bestWeights().forEach((name, values) -> extras.put(BEST + name, values));
        ModelFile.save(file, network, all, extras, KIND);
    }

    /**
     * Reads a checkpoint, checking it as strictly as a model file, then its state.
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static Checkpoint load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("CheckpointFile.load: file must not be null");
        }
        ModelFileReader.Contents contents = new ModelFileReader(file, KIND).read(true);
        String json = contents.model().metadata().get(STATE_KEY);
        if (json == null) {
            throw ModelFileException.reading(KIND, file, "it holds a model but no training state (" + STATE_KEY
                    + "); resume needs a checkpoint written by train --checkpoint-every");
        }
        try {
            Map<String, float[]> optimizer = new LinkedHashMap<>();
            Map<String, float[]> best = new LinkedHashMap<>();
            contents.extras().forEach((name, values) -> {
                if (name.startsWith(OPTIMIZER)) {
                    optimizer.put(name.substring(OPTIMIZER.length()), values);
                } else if (name.startsWith(BEST)) {
                    best.put(name.substring(BEST.length()), values);
                } else {
                    throw new IllegalArgumentException("unknown tensor " + ModelFile.EXTRA_PREFIX + name);
                }
            });
            return new Checkpoint(contents.model(), TrainingStateJson.read(json, optimizer, best));
        } catch (JsonException e) {
            throw ModelFileException.reading(KIND, file, "training state is not valid JSON: at character " + e.offset() + ": "
                    + e.problem());
        } catch (IllegalArgumentException e) {
            throw ModelFileException.reading(KIND, file, "training state: " + e.getMessage());
        }
    }
}
