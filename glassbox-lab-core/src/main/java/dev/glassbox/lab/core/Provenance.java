package dev.glassbox.lab.core;

import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.util.Locale;
import java.util.Map;

/** What a model file trained in the lab records about how it was made, as {@code glassbox train} does. */
public final class Provenance {
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
        metadata.put("glassbox.trained_by", "glassbox lab");
        if (!Double.isNaN(testAccuracy) && !data.inputs().isRegression()) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", testAccuracy));
        }
        return metadata;
    }
}
