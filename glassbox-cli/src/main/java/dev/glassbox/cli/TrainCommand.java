package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.internal.kernels.KernelChoice;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.CheckpointFile;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelFile;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingResult;
import dev.glassbox.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glassbox train}: trains a network on MNIST (or another IDX dataset) and saves it. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains a network by minibatch backpropagation and reports its test accuracy.",
            "With no options: 784-256-relu-128-relu-10 with Adam for 10 epochs on MNIST (≈98.4 %%, about 8 s on 2"
                    + " cores), saved to model.safetensors."
        })
final class TrainCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions options;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.safetensors",
            description = "Where to save the model (written atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Start from a published recipe: lecun98, simard03, simard03-affine, simard03-elastic,"
                    + " dropout14, or best (ours). Other options override the preset's. See RECIPES.md.")
    String preset;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Train N times, with seeds --seed, --seed+1, …, saving each model as"
                    + " NAME-seedS.safetensors, and report the test error's mean ± standard deviation."
                    + " Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--checkpoint-every", paramLabel = "WHEN", defaultValue = "auto",
            description = "Save a checkpoint every N epochs (1, 0.25) or N batches (500b); off; or auto: every"
                    + " epoch when training for more than " + CheckpointSchedule.AUTO_MIN_EPOCHS + " epochs."
                    + " Ctrl-C always saves one. Default: ${DEFAULT-VALUE}.")
    String checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go (written atomically, replacing the last). Default: beside --out,"
                    + " e.g. model.checkpoint.safetensors.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in this checkpoint, to the same model bit for bit. Other"
                    + " options may be left out: the checkpoint remembers them.")
    Path resume;

    @Option(names = "--metrics-json", paramLabel = "FILE",
            description = "Also write one JSON object per epoch (JSON Lines) to FILE.")
    Path metricsJson;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the loss and accuracy curves to a PNG image.")
    Path plot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The checkpoint metadata entry holding the command line that started the run. */
    static final String ARGS_KEY = "glassbox.train_args";

    /** The last run's result, for --seeds. */
    private TrainingResult lastResult;

    @Override
    public Integer call() {
        if (preset != null) {
            Preset recipe = usage(() -> Preset.byName(preset));
            List<String> args = new ArrayList<>(recipe.args());
            args.addAll(givenArgs(Set.of("--preset")));
            spec.commandLine().getOut().println(recipe.banner());
            return reparse(args).call();
        }
        if (seeds != 1) {
            return trainSeeds();
        }
        if (resume == null) {
            return train(null);
        }
        Checkpoint saved = CheckpointFile.load(resume);
        TrainCommand settings = givesSettings() ? this : savedCommand(saved);
        settings.resume = resume;
        if (options.threads != null) {
            settings.options.threads = options.threads;
        }
        return settings.train(saved);
    }

    /** Whether the command line sets up the run itself, rather than leaving it to the checkpoint. */
    private boolean givesSettings() {
        Set<String> neutral = Set.of("--resume", "--threads", "--verbose");
        return spec.commandLine().getParseResult().matchedOptions().stream()
                .anyMatch(o -> !neutral.contains(o.longestName()));
    }

    /** The command the checkpointed run was started with, parsed again. */
    private TrainCommand savedCommand(Checkpoint saved) {
        String json = saved.metadata().get(ARGS_KEY);
        if (json == null) {
            throw new UsageException("--resume " + resume + ": the checkpoint does not record its command line;"
                    + " give the run's options again with --resume");
        }
        List<String> args = new ArrayList<>();
        for (Object arg : (List<?>) Json.parse(json)) {
            args.add((String) arg);
        }
        return reparse(args);
    }

    /** A train command parsed from {@code args}; a later option overrides an earlier one. */
    private TrainCommand reparse(List<String> args) {
        TrainCommand command = new TrainCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        cli.setOverwrittenOptionsAllowed(true);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        command.spec = cli.getCommandSpec();
        return command;
    }

    /** This command's options as given, in canonical form, except those named. */
    private List<String> givenArgs(Set<String> except) {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (except.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                args.add(value);
            }
        }
        return args;
    }

    /** --seeds N: N runs, seed after seed, each model saved apart; the test error's mean ± std. */
    private int trainSeeds() {
        if (seeds < 1 || seeds > 1000) {
            throw new UsageException("--seeds must be 1..1000, got " + seeds);
        }
        if (resume != null) {
            throw new UsageException("--resume continues one run; leave out --seeds");
        }
        PrintWriter out = spec.commandLine().getOut();
        String name = this.out.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        List<Double> errors = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long s = options.seed + i;
            List<String> args = givenArgs(Set.of("--seeds", "--seed", "--out"));
            args.addAll(List.of("--seed", Long.toString(s), "--out",
                    this.out.resolveSibling(stem + "-seed" + s + ".safetensors").toString()));
            out.printf(Locale.ROOT, "%nSeed %d (%d of %d)%n", s, i + 1, seeds);
            TrainCommand run = reparse(args);
            int code = run.call();
            if (code != Main.OK) {
                return code;
            }
            Evaluation test = run.lastResult.best().test();
            errors.add(100 * (1 - test.accuracy()));
            counts.add(test.errors());
        }
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = errors.stream().mapToDouble(e -> (e - mean) * (e - mean)).sum() / Math.max(1, seeds - 1);
        out.printf(Locale.ROOT, "%nTest error over %d seeds (%d–%d): %.3f %% ± %.3f (standard deviation); errors %s%n",
                seeds, options.seed, options.seed + seeds - 1, mean, Math.sqrt(variance), counts);
        return Main.OK;
    }

    /** Trains from scratch, or continues {@code saved} when it is not null. */
    private int train(Checkpoint saved) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = options.config();
        NetworkSpec networkSpec = options.networkSpec();
        requireWritableOut();

        KernelChoice.warmUpInBackground(DataOptions.WARM_UP_MILLIS); // overlaps with loading the data
        MnistData data = dataOptions.load(err);
        Network network = saved == null ? options.build(networkSpec) : savedNetwork(saved, networkSpec, data);
        TrainingData trainingData = options.trainingData(data);

        Trainer trainer = new Trainer(config).addListener(new ProgressReporter(out, err));
        MetricsFile metrics = metricsJson == null ? null : new MetricsFile(metricsJson);
        if (metrics != null) {
            trainer.addListener(metrics);
        }
        CheckpointSchedule schedule = usage(() -> CheckpointSchedule.parse(checkpointEvery, options.epochs));
        Path checkpointFile = checkpointFile();
        Map<String, String> checkpointMetadata = checkpointMetadata(config, networkSpec, data);
        try (Interruption interruption = new Interruption()) {
            TrainingResult result;
            try (TrainingRun run = saved == null ? trainer.start(network, trainingData)
                    : usage(() -> trainer.resume(network, trainingData, saved.state()))) {
                if (saved != null) {
                    out.printf(Locale.ROOT, "Resumed from %s: epoch %d, %d of %d batches done%n", resume,
                            Math.max(1, saved.state().batch() > 0 ? saved.state().epoch() : saved.state().epoch() + 1),
                            saved.state().batch(), run.batchesPerEpoch());
                }
                result = new CheckpointedRun(schedule, checkpointFile, checkpointMetadata)
                        .complete(run, network, interruption, err);
                if (result == null) {
                    return Main.INTERRUPTED;
                }
                lastResult = result;
            }
            Map<String, String> metadata = metadata(config, networkSpec, data, result);
            ModelFile.save(this.out, network, metadata);
            if (schedule.enabled() || saved != null) {
                // The model now holds everything the checkpoint did; a stale one would only confuse.
                AtomicFiles.deleteQuietly(checkpointFile);
            }
            if (plot != null) {
                CurvePlot.write(plot, result);
            }
            Summary.print(out, result, network, config, this.out, KernelChoice.implementationName());
            return Main.OK;
        }
    }

    /** The checkpoint's network, checked against the run's settings and data. */
    private Network savedNetwork(Checkpoint saved, NetworkSpec networkSpec, MnistData data) {
        Network network = saved.model().network();
        if (!network.spec().equals(networkSpec)) {
            throw new UsageException("--resume " + resume + ": the checkpoint's network is " + network.spec()
                    + ", the options give " + networkSpec + ". Resume with the run's options, or none");
        }
        String sha = saved.metadata().get("glassbox.dataset_sha256");
        if (sha != null && !sha.equals(data.sha256())) {
            throw new UsageException("--resume " + resume + ": the checkpoint was trained on other data ("
                    + saved.metadata().get("glassbox.dataset") + "). Resume with the same --data");
        }
        return network;
    }

    /** Beside --out unless --checkpoint says otherwise: model.safetensors → model.checkpoint.safetensors. */
    private Path checkpointFile() {
        if (checkpoint != null) {
            return checkpoint;
        }
        if (resume != null) {
            return resume;
        }
        String name = out.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return out.resolveSibling(stem + ".checkpoint.safetensors");
    }

    private Map<String, String> checkpointMetadata(TrainingConfig config, NetworkSpec networkSpec, MnistData data) {
        Map<String, String> metadata = provenance(config, networkSpec, data);
        // This command's options as given, in canonical form, so --resume alone can parse them again.
        List<String> args = givenArgs(Set.of("--resume"));
        metadata.put(ARGS_KEY, Json.write(args));
        return metadata;
    }

    private Map<String, String> metadata(TrainingConfig config, NetworkSpec networkSpec, MnistData data,
            TrainingResult result) {
        Map<String, String> metadata = provenance(config, networkSpec, data);
        metadata.put("glassbox.best_epoch", Integer.toString(result.finished().bestEpoch()));
        Evaluation test = result.best().test();
        if (test != null) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        }
        return metadata;
    }

    /** What a model or checkpoint records of how it was made. */
    private Map<String, String> provenance(TrainingConfig config, NetworkSpec networkSpec, MnistData data) {
        return options.provenance(config, networkSpec, data, dataOptions.describe());
    }

    /** Fails before training, not after, when the model could not be saved. */
    private void requireWritableOut() {
        String option = "--out";
        Path parent = this.out.toAbsolutePath().getParent();
        if (Files.isDirectory(this.out)) {
            throw new UsageException(option + " " + this.out + " is a directory; give a file name such as "
                    + this.out.resolve("model.safetensors"));
        }
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + this.out + ": " + parent + " is not a directory");
        }
        requireWritableDirectory(parent, option);
        Path checkpointParent = checkpointFile().toAbsolutePath().getParent();
        if (!checkpointParent.equals(parent)) {
            requireWritableDirectory(checkpointParent, "--checkpoint");
        }
    }

    /** Creates and deletes a file in {@code dir} (or its nearest existing ancestor): better to fail now than after training. */
    private static void requireWritableDirectory(Path dir, String option) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            Files.delete(Files.createTempFile(existing, ".glassbox-write-check", ".tmp"));
        } catch (IOException e) {
            String problem = option + ": cannot write in " + existing + " (" + Errors.describe(e)
                    + "). Choose a writable folder";
            throw new UncheckedIOException(problem, new IOException(problem, e));
        }
    }

    /** Runs {@code body}, turning a bad option value into a usage error (exit code 2). */
    static <T> T usage(Supplier<T> body) {
        try {
            return body.get();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
