package dev.glassbox.io;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model file records of how it was made: the Glassbox version, the input's form, the
 * seed, the run's settings ({@code glassbox.hyperparameters}, as JSON) and the data's checksum.
 * Whoever trains (the command line, the lab, a cluster) adds its own entries to the map.
 */
public final class Provenance {
    private Provenance() {}

    /**
     * @param version the Glassbox version that made the model, e.g. {@code 0.1.0}: a fact about
     *     the build, which only the host knows ({@code dev.glassbox.jvm.Glassbox.version()})
     * @param more further settings for {@code glassbox.hyperparameters} (e.g. the held-out count),
     *     after the run's own
     * @return a new, modifiable map
     */
    public static Map<String, String> of(String version, NetworkSpec spec, TrainingConfig config, MnistData data,
            Map<String, Object> more) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("layers", spec.toString());
        hyper.put("loss", config.lossName());
        hyper.put("optimizer", config.optimizer().toString());
        hyper.put("learning_rate", config.learningRate());
        hyper.put("schedule", config.schedule().toString());
        hyper.put("batch_size", config.batchSize());
        hyper.put("epochs", config.epochs());
        hyper.put("clip_norm", config.clipNorm());
        hyper.put("max_norm", config.maxNorm());
        hyper.put("patience", config.patience());
        hyper.put("threads", config.threads());
        hyper.put("augmentation", config.augmentation().toString());
        hyper.put("momentum_ramp", config.momentumRamp().toString());
        hyper.putAll(more);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("glassbox.version", version);
        metadata.put("glassbox.loss", config.lossName());
        Dataset train = data.train();
        if (train.isImages()) {
            metadata.put("glassbox.input_normalization", Dataset.INPUT_NORMALIZATION);
            metadata.put("glassbox.image_shape", train.imageRows() + "x" + train.imageCols()
                    + (train.channels() == 1 ? "" : "x" + train.channels()));
        } else {
            metadata.put("glassbox.input_normalization", "table: see " + TableJson.METADATA_KEY);
        }
        metadata.put("glassbox.seed", Long.toString(config.seed()));
        metadata.put("glassbox.hyperparameters", Json.write(hyper));
        metadata.put("glassbox.dataset_sha256", data.sha256());
        return metadata;
    }
}
