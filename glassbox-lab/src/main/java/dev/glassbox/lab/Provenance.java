package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.util.Locale;
import java.util.Map;

/** What a model file trained in the lab records about how it was made, as {@code glassbox train} does. */
final class Provenance {
    private Provenance() {}

    /**
     * @param testAccuracy the last test accuracy measured, or NaN if none yet
     */
    static Map<String, String> of(NetworkSpec spec, TrainingConfig config, MnistData data, long steps,
            double testAccuracy) {
        Map<String, String> metadata =
                dev.glassbox.io.Provenance.of(Glassbox.version(), spec, config, data,
                        Map.of("steps_trained", steps));
        metadata.put("glassbox.trained_by", "glassbox lab");
        if (!Double.isNaN(testAccuracy)) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", testAccuracy));
        }
        return metadata;
    }
}
