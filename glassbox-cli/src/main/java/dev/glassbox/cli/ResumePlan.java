package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.RunSettings;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How {@code train --resume} continues a checkpoint: the run settings it carries (data, never a
 * file name), the settings given now that override them, and the run's name. Where the resumed
 * run writes is decided by the command line and the checkpoint's own place, never by its contents.
 *
 * @param checkpoint the file being resumed
 * @param settings what the checkpoint carries, or null if it records none (an older Glassbox)
 * @param given the run settings given with --resume, as {@code --name=value}, for messages
 * @param runId the run's name, kept across its checkpoints and resumes; null for a new one
 */
record ResumePlan(Path checkpoint, RunSettings settings, List<String> given, String runId) {
    /** The checkpoint metadata entry naming the run, so that a checkpoint of another run is never overwritten. */
    static final String RUN_ID_KEY = "glassbox.run_id";

    /** Options that do not set up a run: given with --resume, they leave the checkpoint's settings alone. */
    static final Set<String> NEUTRAL = Set.of("--resume", "--threads", "--verbose", "--data", "--out",
            "--checkpoint", "--metrics-json", "--plot");

    ResumePlan {
        given = List.copyOf(given);
    }

    /**
     * Reads the plan from {@code saved}.
     *
     * @param known the settings a checkpoint may carry
     * @param given the run settings given now
     */
    static ResumePlan of(Path checkpoint, Checkpoint saved, Set<String> known, List<String> given) {
        String json = saved.metadata().get(RunSettings.KEY);
        RunSettings settings = null;
        if (json != null) {
            try {
                settings = RunSettings.parse(json, known);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--resume " + checkpoint + ": " + e.getMessage());
            }
        } else if (given.isEmpty()) {
            throw new UsageException("--resume " + checkpoint + ": the checkpoint does not record its run's settings;"
                    + " give the run's options again with --resume");
        }
        return new ResumePlan(checkpoint, settings, given, saved.metadata().get(RUN_ID_KEY));
    }

    /** The checkpoint's settings as options, to be parsed before those given now. */
    List<String> settingsAsArgs() {
        return settings == null ? List.of() : RunSettingOptions.asArgs(settings);
    }

    /**
     * Where the model goes when --out is not given: beside the checkpoint,
     * {@code run.checkpoint.safetensors} → {@code run.safetensors}, else {@code model.safetensors}.
     */
    static Path modelBeside(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String suffix = ".checkpoint.safetensors";
        String model = name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length()) + ".safetensors" : "model.safetensors";
        return checkpoint.resolveSibling(model);
    }

    /** The settings in force must not change the checkpoint's run (only --threads may differ). */
    void requireSameRun(Checkpoint saved, NetworkSpec networkSpec, TrainingConfig config) {
        NetworkSpec savedSpec = saved.model().network().spec();
        if (!savedSpec.equals(networkSpec)) {
            throw new UsageException("--resume " + checkpoint + ": the checkpoint's network is " + savedSpec + ", but "
                    + describeGiven() + " make it " + networkSpec
                    + ". A resumed run continues with its own settings: leave them out");
        }
        TrainingConfig savedConfig = saved.state().config().toBuilder().threads(config.threads()).build();
        if (!savedConfig.equals(config) && !given.isEmpty()) {
            throw new UsageException("--resume " + checkpoint + ": " + describeGiven() + " change the checkpoint's run"
                    + (settings == null ? "" : " (started with " + startedWith() + ")")
                    + ". A resumed run continues with its own settings: leave them out, or start a new run");
        }
    }

    private String describeGiven() {
        return given.isEmpty() ? "the options" : "the options given (" + String.join(" ", given) + ")";
    }

    /** The checkpoint's values of the settings given now, e.g. {@code --epochs=10}. */
    private String startedWith() {
        List<String> values = new ArrayList<>();
        for (String option : given) {
            String name = option.substring(2, option.contains("=") ? option.indexOf('=') : option.length());
            String value = settings.values().get(name);
            values.add("--" + name + "=" + (value == null ? "its default" : value));
        }
        return String.join(" ", values);
    }
}
