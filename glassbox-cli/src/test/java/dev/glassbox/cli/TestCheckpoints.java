package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.RunSettings;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.CheckpointFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Checkpoints made as {@code train} makes them, a few batches into a small run on MNIST, with
 * whatever metadata a test wants — including what a hostile file would carry.
 */
final class TestCheckpoints {
    static final Path DATA = Path.of("../data/mnist");
    /** A run of a few seconds: 600 images, 100 held out, 2 epochs of a small network. */
    static final Map<String, String> SETTINGS = Map.of("layers", "784-8-10", "subset", "600", "validation", "100",
            "epochs", "2", "batch-size", "50");

    private static MnistData data;

    private TestCheckpoints() {}

    /** The arguments that start the run {@link #SETTINGS} describes. */
    static String[] runArgs() {
        return SETTINGS.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /**
     * Writes a checkpoint of the run {@link #SETTINGS} after 3 batches, whose metadata holds the
     * settings and {@code extra} (which may override them).
     */
    static void write(Path file, Map<String, String> extra) {
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs(runArgs());
        NetworkSpec spec = options.networkSpec();
        Network network = options.build(spec);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(RunSettings.KEY, new RunSettings(SETTINGS).toJson());
        metadata.put(ResumePlan.RUN_ID_KEY, "0123456789abcdef");
        metadata.putAll(extra);
        try (TrainingRun run = new Trainer(options.config(), KernelChoice.provider()).start(network, options.trainingData(data()))) {
            for (int i = 0; i < 3; i++) {
                run.step();
            }
            CheckpointFiles.save(file, network, run.state(), metadata);
        }
    }

    private static synchronized MnistData data() {
        if (data == null) {
            data = MnistFolder.load(DATA);
        }
        return data;
    }
}
