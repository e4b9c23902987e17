package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint as bytes: a model (so {@code evaluate} or the lab can open it as it is)
 * whose metadata entry {@code glassbox.checkpoint} holds the run's state as JSON, and whose extra
 * tensors {@code checkpoint.optimizer.*} and {@code checkpoint.best.*} hold the optimizer's arrays
 * and the best epoch's weights. Like {@link ModelCodec}, bytes in and bytes out: writing it to a
 * file atomically is the host's business ({@code dev.glassbox.jvm.io.CheckpointFiles}).
 */
public final class CheckpointCodec {
    /** The metadata entry holding the run's state. */
    public static final String STATE_KEY = "glassbox.checkpoint";
    private static final String OPTIMIZER = "optimizer.";
    private static final String BEST = "best.";
    private static final String KIND = "checkpoint";

    private CheckpointCodec() {}

    /**
     * The bytes of {@code network}'s weights and the run's {@code state}.
     *
     * @param metadata the caller's own entries (e.g. the command line), stored as given
     * @throws ModelFileException if a value is not finite or the checkpoint needs more than 2 GiB
     */
    public static byte[] write(Network network, TrainingState state, Map<String, String> metadata) {
        return ModelCodec.toBytes(network, withState(state, metadata), extras(state), KIND);
    }

    /**
     * As {@link #write(Network, TrainingState, Map)}, into {@code out} (not closed). Every value is
     * checked before the first byte is written.
     *
     * @throws IOException from {@code out}; what was written by then is incomplete
     */
    public static void write(Network network, TrainingState state, Map<String, String> metadata, OutputStream out)
            throws IOException {
        ModelCodec.write(network, withState(state, metadata), extras(state), KIND, out);
    }

    private static Map<String, String> withState(TrainingState state, Map<String, String> metadata) {
        if (state == null || metadata == null) {
            throw new IllegalArgumentException("CheckpointCodec.write: state and metadata must not be null");
        }
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(STATE_KEY, TrainingStateJson.write(state));
        return all;
    }

    private static Map<String, float[]> extras(TrainingState state) {
        Map<String, float[]> extras = new LinkedHashMap<>();
        state.optimizer().arrays().forEach((name, values) -> extras.put(OPTIMIZER + name, values));
        state.bestWeights().forEach((name, values) -> extras.put(BEST + name, values));
        return extras;
    }

    /**
     * Reads a checkpoint, checking it as strictly as a model, then its state.
     *
     * @param bytes read from its position to its limit; the buffer's position is not changed
     * @throws ModelFileException naming the first problem found (and no file: the host adds it)
     */
    public static Checkpoint read(ByteBuffer bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("CheckpointCodec.read: bytes must not be null");
        }
        ModelFileReader.Contents contents = new ModelFileReader(bytes, KIND).read(true);
        String json = contents.model().metadata().get(STATE_KEY);
        if (json == null) {
            throw ModelFileException.reading(KIND, null, "it holds a model but no training state (" + STATE_KEY
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
                    throw new IllegalArgumentException("unknown tensor " + ModelCodec.EXTRA_PREFIX + name);
                }
            });
            return new Checkpoint(contents.model(), TrainingStateJson.read(json, optimizer, best));
        } catch (JsonException e) {
            throw ModelFileException.reading(KIND, null, "training state is not valid JSON: at character "
                    + e.offset() + ": " + e.problem());
        } catch (IllegalArgumentException e) {
            throw ModelFileException.reading(KIND, null, "training state: " + e.getMessage());
        }
    }

    /** As {@link #read(ByteBuffer)}. */
    public static Checkpoint read(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("CheckpointCodec.read: bytes must not be null");
        }
        return read(ByteBuffer.wrap(bytes));
    }
}
