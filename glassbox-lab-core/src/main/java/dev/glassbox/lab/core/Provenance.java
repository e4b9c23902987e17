package dev.glassbox.lab.core;

import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.util.Locale;
import java.util.Map;

/** What a model file trained in the lab records about how it was made, as {@code glassbox train} does. */
public final class Provenance {
    /** The metadata entry naming who trained a model, and the lab's value of it. */
    public static final String TRAINED_BY_KEY = "glassbox.trained_by";

    /** Marks a model the lab trained, whose table or image folder was split with {@link LabData#SPLIT_SEED}. */
    public static final String LAB = "glassbox lab";

    private Provenance() {}

    /**
     * @param version the Glassbox version that trained it
     * @param testAccuracy the last test accuracy measured, or NaN if none yet
     */
    public static Map<String, String> of(String version, NetworkSpec spec, TrainingConfig config, LabData data, long steps,
            double testAccuracy) {
        Map<String, String> metadata =
                dev.glassbox.io.Provenance.of(version, spec, config, data.data(),
                        Map.of("steps_trained", steps));
        metadata.putAll(data.inputs().metadata());
        metadata.put(TRAINED_BY_KEY, LAB);
        if (!Double.isNaN(testAccuracy) && !data.inputs().isRegression()) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", testAccuracy));
        }
        return metadata;
    }
}
