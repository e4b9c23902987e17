package dev.glassbox.sweep;

import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingDivergedException;
import dev.glassbox.train.TrainingResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a hyper-parameter search: the settings that make it differ from the others, and
 * the run they stand for.
 *
 * @param number 1-based, in the order the search drew it
 * @param settings what this trial sets, by option name (e.g. {@code learning-rate → 0.003}), in order
 * @param network the network to build
 * @param init its initialisation, or null for the default (He before ReLU-like activations, else Xavier)
 * @param config the training run; its seed also initialises the network
 */
public record Trial(int number, Map<String, String> settings, NetworkSpec network, Init init, TrainingConfig config) {

    public Trial {
        if (number < 1 || settings == null || network == null || config == null) {
            throw new IllegalArgumentException("Trial: number ≥ 1, settings, network and config are required");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Trains the trial's network on {@code data}, which must have a validation set: it picks the
     * best epoch and ranks the trial. A run that diverges is a result too, ranked last.
     *
     * @param kernels the host's, for the run's kernels
     */
    public TrialResult run(TrainingData data, KernelProvider kernels) {
        if (data.validation() == null) {
            throw new IllegalArgumentException("Trial.run: a search needs a validation set to rank its trials");
        }
        long begin = System.nanoTime();
        Network model = network.build(init, config.seed());
        try {
            TrainingResult result = new Trainer(config, kernels).fit(model, data);
            Evaluation validation = result.best().validation();
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new TrialResult(number, settings, TrialResult.Status.DONE, validation.accuracy(), validation.loss(),
                    result.finished().bestEpoch(), result.finished().epochsRun(), result.finished().stoppedEarly(),
                    seconds, model.parameterValues(), null);
        } catch (TrainingDivergedException e) {
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new TrialResult(number, settings, TrialResult.Status.DIVERGED, 0, Double.NaN, 0, 0, false, seconds,
                    Map.of(), e.getMessage());
        }
    }
}
