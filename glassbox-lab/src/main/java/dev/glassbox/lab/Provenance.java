package dev.glassbox.lab;

import dev.glassbox.Glassbox;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.util.LinkedHashMap;
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
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("layers", spec.toString());
        hyper.put("loss", config.lossName());
        hyper.put("optimizer", config.optimizer().toString());
        hyper.put("learning_rate", config.learningRate());
        hyper.put("schedule", config.schedule().toString());
        hyper.put("batch_size", config.batchSize());
        hyper.put("epochs", config.epochs());
        hyper.put("steps_trained", steps);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("glassbox.version", Glassbox.version());
        metadata.put("glassbox.loss", config.lossName());
        metadata.put("glassbox.input_normalization", Dataset.INPUT_NORMALIZATION);
        metadata.put("glassbox.image_shape", data.train().imageRows() + "x" + data.train().imageCols());
        metadata.put("glassbox.seed", Long.toString(config.seed()));
        metadata.put("glassbox.hyperparameters", Json.write(hyper));
        metadata.put("glassbox.dataset_sha256", data.sha256());
        metadata.put("glassbox.trained_by", "glassbox lab");
        if (!Double.isNaN(testAccuracy)) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", testAccuracy));
        }
        return metadata;
    }
}
