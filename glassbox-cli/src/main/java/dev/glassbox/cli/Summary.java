package dev.glassbox.cli;

import dev.glassbox.io.ModelInputs;
import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The closing lines of {@code glassbox train}. */
final class Summary {
    private Summary() {}

    static void print(PrintWriter out, TrainingResult result, Network network, TrainingConfig config, Path saved,
            String kernels, ModelInputs inputs) {
        Scores scores = Scores.of(inputs);
        TrainingEvents.Epoch best = result.best();
        TrainingEvents.Finished finished = result.finished();
        double samplesPerSecond = result.epochs().stream()
                .mapToDouble(TrainingEvents.Epoch::samplesPerSecond)
                .sorted()
                .skip(result.epochs().size() / 2)
                .findFirst()
                .orElse(0);
        out.println();
        if (best.test() != null) {
            out.println("Test " + scores.measure() + ": " + scores.describe(best.test()));
        }
        if (best.validation() != null) {
            out.printf(Locale.ROOT, "Kept epoch %d of %d (best validation %s %s)%s%n", finished.bestEpoch(),
                    finished.epochsRun(), scores.measure(), scores.headline(best.validation()),
                    finished.stoppedEarly() ? ", stopped early" : "");
        }
        out.printf(Locale.ROOT, "Trained %s in %s, %,.0f samples/s (median epoch), %s kernels, %d thread%s%n",
                network.spec(), Terminal.duration(finished.seconds()), samplesPerSecond, kernels, config.threads(),
                config.threads() == 1 ? "" : "s");
        String model = saved.equals(Path.of("model.safetensors")) ? "" : " --model " + saved;
        String example = inputs instanceof ModelInputs.Table ? "ROWS.csv" : "IMAGE.png";
        out.println("Saved " + saved + " — try: ./glassbox evaluate" + model + ", ./glassbox predict" + model
                + " " + example + ", ./glassbox info" + model);
        out.flush();
    }
}
