package dev.glassbox.explain;

import dev.glassbox.io.ExtendedModelCodec;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.SavedModel;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Trajectory} as bytes: a model file of the path's last weights (so any command opens
 * it as a model) whose extra tensors are the snapshots ({@code checkpoint.trajectory.<i>}) and
 * whose metadata {@code glassbox.trajectory} lists their steps and epochs.
 */
public final class TrajectoryFile {
    static final String KIND = "trajectory";
    static final String KEY = "glassbox.trajectory";

    private TrajectoryFile() {}

    /** A trajectory read back, with the network of its last weights and the file's metadata. */
    public record Contents(Trajectory trajectory, SavedModel model) {}

    /**
     * @param network a network of the path's spec (its weights are replaced by the last snapshot's)
     * @param metadata recorded beside the path, e.g. the model's provenance
     */
    public static byte[] write(Trajectory path, Network network, Map<String, String> metadata) {
        int k = path.size();
        if (k == 0) {
            throw new IllegalArgumentException("TrajectoryFile: the trajectory is empty");
        }
        Network last = network.copy();
        Weights.set(last, path.weights(k - 1), null, 0, null, 0);
        Map<String, float[]> extras = new LinkedHashMap<>();
        List<Object> steps = new ArrayList<>();
        List<Object> epochs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            extras.put("trajectory." + i, path.weights(i));
            steps.add(path.step(i));
            epochs.add((long) path.epoch(i));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("capacity", (long) path.capacity());
        json.put("steps", steps);
        json.put("epochs", epochs);
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(KEY, Json.write(json));
        return ExtendedModelCodec.write(last, all, extras, KIND);
    }

    /**
     * @throws ModelFileException naming the problem: not a trajectory, or one whose parts disagree
     */
    public static Contents read(byte[] bytes) {
        ExtendedModelCodec.Contents contents = ExtendedModelCodec.read(bytes, KIND);
        String text = contents.model().metadata().get(KEY);
        if (text == null) {
            throw ModelFileException.reading(KIND, null, "it holds a model but no " + KEY + "; write one with"
                    + " glassbox train --trajectory FILE");
        }
        try {
            Map<?, ?> json = (Map<?, ?>) Json.parse(text);
            List<?> steps = (List<?>) json.get("steps");
            List<?> epochs = (List<?>) json.get("epochs");
            int capacity = ((Long) json.get("capacity")).intValue();
            if (steps.size() != epochs.size() || steps.size() != contents.extras().size() || steps.isEmpty()
                    || capacity < Math.max(3, steps.size())) {
                throw ModelFileException.reading(KIND, null, KEY + " lists " + steps.size() + " steps and "
                        + epochs.size() + " epochs for " + contents.extras().size() + " snapshots (capacity "
                        + capacity + ")");
            }
            Trajectory path = new Trajectory(capacity, 1);
            int size = Weights.size(contents.model().network());
            for (int i = 0; i < steps.size(); i++) {
                float[] w = contents.extras().get("trajectory." + i);
                if (w == null || w.length != size) {
                    throw ModelFileException.reading(KIND, null, "snapshot " + i + " is missing or not of the network's"
                            + " " + size + " parameters");
                }
                path.restore((Long) steps.get(i), ((Long) epochs.get(i)).intValue(), w);
            }
            return new Contents(path, contents.model());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) { // JsonException among them
            throw ModelFileException.reading(KIND, null, KEY + " is not what glassbox train writes: " + e.getMessage());
        }
    }
}
