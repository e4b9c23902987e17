package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.explain.Trajectory;
import dev.glassbox.explain.TrajectoryFile;
import dev.glassbox.explain.TrajectoryRecorder;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.RunSettings;
import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.jvm.io.CheckpointFiles;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.MemoryEstimate;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingResult;
import dev.glassbox.train.TrainingRun;
import dev.glassbox.train.TrainingState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
    PreparationOptions preparation;

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
            description = "Save a checkpoint every N epochs (1, 0.25) or N batches (500b); off; or auto: at the"
                    + " end of an epoch, once " + CheckpointSchedule.AUTO_SECONDS + " s have passed since the start"
                    + " or the last checkpoint. Ctrl-C always saves one. Default: ${DEFAULT-VALUE}.")
    String checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go (written atomically, replacing the last); not --out, --metrics-json"
                    + " or --plot, nor an existing file other than this run's checkpoint. Default: beside --out,"
                    + " e.g. model.checkpoint.safetensors; with --resume, the checkpoint resumed.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in this checkpoint, to the same model bit for bit. The run's"
                    + " settings may be left out: the checkpoint remembers them. It names no file: the model goes"
                    + " beside it unless --out says otherwise, and other data than the bundled MNIST needs --data.")
    Path resume;

    @Option(names = "--metrics-json", paramLabel = "FILE",
            description = "Also write one JSON object per epoch (JSON Lines) to FILE.")
    Path metricsJson;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the loss and accuracy curves to a PNG image.")
    Path plot;

    @Option(names = "--trajectory", paramLabel = "FILE",
            description = "Also record the path the weights take (every few steps, at most 64 snapshots, fewer for a"
                    + " large network) to FILE, for explain --landscape --trajectory FILE: the path drawn over the loss"
                    + " landscape of its two principal directions.")
    Path trajectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The last run's result, for --seeds. */
    private TrainingResult lastResult;

    @Override
    public Integer call() {
        if (preset != null) {
            Preset recipe = UsageException.wrap(() -> Preset.byName(preset));
            List<String> args = new ArrayList<>(recipe.args());
            args.addAll(givenArgs(Set.of("--preset")));
            spec.commandLine().getOut().println(recipe.banner());
            return reparse(args).call();
        }
        if (trajectory != null && (seeds != 1 || resume != null)) {
            throw new UsageException("--trajectory records one run from its start; leave out --seeds and --resume");
        }
        if (seeds != 1) {
            if (resume != null) {
                throw new UsageException("--resume continues one run; leave out --seeds");
            }
            return SeedRuns.run(this, seeds, options.seed, out, spec.commandLine().getOut());
        }
        if (resume == null) {
            return train(null);
        }
        Checkpoint saved = CheckpointFiles.load(resume);
        return resumed(saved).train(saved);
    }

    /**
     * The command that continues {@code saved}: the run settings the checkpoint carries, overridden
     * by those given now, with the outputs given now (see {@link ResumePlan}).
     */
    private TrainCommand resumed(Checkpoint saved) {
        ResumePlan plan = ResumePlan.of(resume, saved, RunSettingOptions.names(spec), givenArgs(ResumePlan.NEUTRAL));
        List<String> args = new ArrayList<>(plan.settingsAsArgs());
        args.addAll(givenArgs(Set.of()));
        TrainCommand command = reparse(args);
        command.plan = plan;
        command.runId = plan.runId();
        return command;
    }

    /** How this command continues a checkpoint; null for a new run. */
    private ResumePlan plan;

    /** The run's name, kept across its checkpoints and resumes; a new run draws one. */
    private String runId;

    /** The last run's result, for --seeds. */
    TrainingResult lastResult() {
        return lastResult;
    }

    /** A train command parsed from {@code args}; a later option overrides an earlier one. */
    TrainCommand reparse(List<String> args) {
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
    List<String> givenArgs(Set<String> except) {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (except.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName() + "=" + value);
            }
        }
        return args;
    }

    /** Trains from scratch, or continues {@code saved} when it is not null. */
    private int train(Checkpoint saved) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runId == null) {
            runId = newRunId();
        }
        Path modelFile = modelFile();
        Path checkpointFile = checkpointFile();
        requireOutputs(modelFile, checkpointFile);
        ThreadCount.warn(options.threads, err);

        KernelChoice.warmUpInBackground(DataOptions.WARM_UP_MILLIS); // overlaps with loading the data
        UserData loaded = dataOptions.loadForTraining(preparation, options.seed, out, err);
        MnistData data = loaded.data();
        TrainingData trainingData = options.trainingData(data, loaded.own());
        TrainingConfig config = options.config(trainingData.train(), loaded.own());
        NetworkSpec networkSpec = options.networkSpec(loaded.inputSize(), loaded.outputSize(),
                loaded.own() ? trainingData.train().size() : 0);
        CheckpointSchedule schedule = UsageException.wrap(() -> CheckpointSchedule.parse(checkpointEvery));
        if (saved != null) {
            plan.requireSameRun(saved, networkSpec, config);
        }
        requireHeapRoom(networkSpec, config);
        Network network = saved == null ? options.build(networkSpec) : savedNetwork(saved, data);
        inputs = loaded.inputs();

        Scores scores = Scores.of(inputs);
        Trainer trainer = new Trainer(config, KernelChoice.provider())
                .addListener(new ProgressReporter(out, err, scores));
        MetricsFile metrics = metricsJson == null ? null : new MetricsFile(metricsJson);
        if (metrics != null) {
            trainer.addListener(metrics);
        }
        TrajectoryRecorder path = trajectory == null ? null
                : new TrajectoryRecorder(Trajectory.within(network, Trajectory.DEFAULT_BUDGET_BYTES), network);
        if (path != null) {
            trainer.addListener(path);
        }
        Map<String, String> checkpointMetadata = checkpointMetadata(config, networkSpec, data);
        CheckpointedRun checkpointed = new CheckpointedRun(schedule, checkpointFile, checkpointMetadata,
                resumeCommand(checkpointFile, modelFile));
        try (Interruption interruption = new Interruption()) {
            TrainingResult result;
            try (TrainingRun run = saved == null ? trainer.start(network, trainingData)
                    : UsageException.wrap(() -> trainer.resume(network, trainingData, saved.state()))) {
                if (saved != null) {
                    TrainingState.Progress progress = saved.state().progress();
                    out.printf(Locale.ROOT, "Resumed from %s: epoch %d, %d of %d batches done%n", resume,
                            Math.max(1, progress.batch() > 0 ? progress.epoch() : progress.epoch() + 1),
                            progress.batch(), run.batchesPerEpoch());
                }
                result = checkpointed.complete(run, network, interruption, err);
                if (result == null) {
                    return Main.INTERRUPTED;
                }
                lastResult = result;
            }
            Map<String, String> metadata = metadata(config, networkSpec, data, result);
            ModelFiles.save(modelFile, network, metadata);
            if (path != null) {
                byte[] bytes = TrajectoryFile.write(path.trajectory(), network, metadata);
                try {
                    AtomicFiles.replace(trajectory, ".safetensors", temp -> java.nio.file.Files.write(temp, bytes));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("--trajectory " + trajectory + ": cannot write ("
                            + Errors.describe(e) + ")", e);
                }
                out.printf(Locale.ROOT, "Trajectory: %d snapshots of %d steps to %s%n", path.trajectory().size(),
                        path.trajectory().step(path.trajectory().size() - 1), trajectory);
            }
            if (checkpointed.wroteAny() || (saved != null && OutputFiles.sameFile(checkpointFile, resume))) {
                // The model now holds everything the checkpoint did; a stale one would only confuse.
                // Only this run's own checkpoint is removed, never a file that was there before it.
                AtomicFiles.deleteQuietly(checkpointFile);
            }
            if (plot != null) {
                CurvePlot.write(plot, result);
            }
            Summary.print(out, result, network, config, modelFile, KernelChoice.implementationName(), inputs);
            return Main.OK;
        }
    }

    /**
     * Refuses, before anything is built, a network and batch whose training the heap cannot hold:
     * better one line now than an OutOfMemoryError an hour in. Two thirds of the free room count,
     * the rest is the collector's and the data's.
     */
    private void requireHeapRoom(NetworkSpec networkSpec, TrainingConfig config) {
        MemoryEstimate need = MemoryEstimate.training(networkSpec, config.batchSize(), config.optimizer())
                .withWeightCopies(options.holdsOut() ? 1 : 0); // the best epoch's weights
        Runtime rt = Runtime.getRuntime();
        long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need.totalBytes() > room / 3 * 2) {
            throw new IllegalArgumentException("train: " + networkSpec + " at batch " + config.batchSize() + " needs "
                    + need + ", more than the " + MemoryEstimate.size(room) + " Java has free. Use a smaller"
                    + " --batch-size or narrower --layers, or give Java more memory (JAVA_OPTS=-Xmx"
                    + Math.max(2, (long) Math.ceil(need.totalBytes() * 2.0 / (1L << 30))) + "g ./glassbox train …)");
        }
    }

    /** The checkpoint's network, checked against the data. */
    private Network savedNetwork(Checkpoint saved, MnistData data) {
        Network network = saved.model().network();
        String sha = saved.metadata().get("glassbox.dataset_sha256");
        if (sha != null && !sha.equals(data.sha256())) {
            throw new UsageException("--resume " + resume + ": the checkpoint was trained on other data ("
                    + saved.metadata().get("glassbox.dataset") + "). Resume with the same --data");
        }
        return network;
    }

    /**
     * Where the model goes: --out if given; when resuming, beside the checkpoint
     * ({@code run.checkpoint.safetensors} → {@code run.safetensors}, else {@code model.safetensors}).
     */
    private Path modelFile() {
        if (resume == null || spec.commandLine().getParseResult().hasMatchedOption("--out")) {
            return out;
        }
        return ResumePlan.modelBeside(resume);
    }

    /** --checkpoint if given; when resuming, the checkpoint itself; else beside the model: model.checkpoint.safetensors. */
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

    /**
     * Every output can be written, none is another, and the checkpoint file, which the run
     * overwrites and at the end deletes, is absent or one of this run's: fails now, not after training.
     */
    private void requireOutputs(Path modelFile, Path checkpointFile) {
        OutputFiles.requireReplaceable("--out", modelFile, "model.safetensors");
        OutputFiles.requireReplaceable("--checkpoint", checkpointFile, "model.checkpoint.safetensors");
        if (metricsJson != null) {
            OutputFiles.requireReplaceable("--metrics-json", metricsJson, "metrics.jsonl");
        }
        if (plot != null) {
            OutputFiles.requireReplaceable("--plot", plot, "curves.png");
        }
        if (trajectory != null) {
            OutputFiles.requireReplaceable("--trajectory", trajectory, "trajectory.safetensors");
        }
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--out", modelFile);
        outputs.put("--checkpoint", checkpointFile);
        outputs.put("--metrics-json", metricsJson);
        outputs.put("--plot", plot);
        outputs.put("--trajectory", trajectory);
        if (resume != null) {
            outputs.put("--resume", resume);
        }
        Map<String, Path> written = new LinkedHashMap<>(outputs);
        if (resume != null && OutputFiles.sameFile(checkpointFile, resume)) {
            written.remove("--checkpoint"); // replacing the checkpoint being resumed is the point
        }
        OutputFiles.requireDistinct(written);
        if (Files.exists(checkpointFile) && !(resume != null && OutputFiles.sameFile(checkpointFile, resume))) {
            requireOwnCheckpoint(checkpointFile);
        }
    }

    /** An existing file at the checkpoint's place may be replaced only if it is a checkpoint of this very run. */
    private void requireOwnCheckpoint(Path file) {
        String id;
        try {
            id = CheckpointFiles.load(file).metadata().get(ResumePlan.RUN_ID_KEY);
        } catch (RuntimeException e) {
            throw new UsageException("--checkpoint " + file + " already exists and is not a Glassbox checkpoint:"
                    + " training would overwrite it and delete it at the end. Choose another --checkpoint");
        }
        if (!runId.equals(id)) {
            throw new UsageException("--checkpoint " + file + " holds the checkpoint of another run: training would"
                    + " overwrite it. Continue that run with --resume " + file + ", or choose another --checkpoint"
                    + " (or delete it)");
        }
    }

    /** The command that continues this run from {@code checkpointFile}, naming the outputs it would not find alone. */
    private String resumeCommand(Path checkpointFile, Path modelFile) {
        StringBuilder command = new StringBuilder("./glassbox train --resume " + checkpointFile);
        TrainCommand resumed = new TrainCommand();
        resumed.resume = checkpointFile;
        CommandLine cli = new CommandLine(resumed);
        cli.parseArgs("--resume", checkpointFile.toString());
        resumed.spec = cli.getCommandSpec();
        if (!OutputFiles.sameFile(resumed.modelFile(), modelFile)) {
            command.append(" --out ").append(modelFile);
        }
        if (dataOptions.data != null) {
            command.append(" --data ").append(dataOptions.data); // a checkpoint names no folder to read
        }
        if (dataOptions.testData != null) {
            command.append(" --test-data ").append(dataOptions.testData);
        }
        for (String arg : givenPreparation()) {
            command.append(' ').append(arg); // nor how its table was read
        }
        if (metricsJson != null) {
            command.append(" --metrics-json ").append(metricsJson);
        }
        if (plot != null) {
            command.append(" --plot ").append(plot);
        }
        return command.toString();
    }

    /** The preparation options given, which the data needs again when the run resumes. */
    private List<String> givenPreparation() {
        Set<String> names = new java.util.HashSet<>();
        for (CommandLine.Model.OptionSpec option : spec.mixins().get("preparation").options()) {
            names.add(option.longestName());
        }
        List<String> args = new ArrayList<>();
        for (String arg : givenArgs(Set.of())) {
            if (names.contains(arg.substring(0, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=')))) {
                args.add(arg);
            }
        }
        return args;
    }

    private static String newRunId() {
        // Names the run, nothing more: it never reaches the model, so results stay reproducible.
        return HexFormat.of().toHexDigits(new SecureRandom().nextLong());
    }

    private Map<String, String> checkpointMetadata(TrainingConfig config, NetworkSpec networkSpec, MnistData data) {
        Map<String, String> metadata = provenance(config, networkSpec, data);
        metadata.put(RunSettings.KEY, RunSettingOptions.of(spec).toJson());
        metadata.put(ResumePlan.RUN_ID_KEY, runId);
        return metadata;
    }

    private Map<String, String> metadata(TrainingConfig config, NetworkSpec networkSpec, MnistData data,
            TrainingResult result) {
        Map<String, String> metadata = provenance(config, networkSpec, data);
        metadata.put("glassbox.best_epoch", Integer.toString(result.finished().bestEpoch()));
        Evaluation test = result.best().test();
        if (test != null && test.isRegression()) {
            metadata.put("glassbox.test_r2", String.format(Locale.ROOT, "%.4f", test.regression().r2()));
        } else if (test != null) {
            metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        }
        return metadata;
    }

    /** What a model or checkpoint records of how it was made, and of its inputs. */
    private Map<String, String> provenance(TrainingConfig config, NetworkSpec networkSpec, MnistData data) {
        Map<String, String> metadata = options.provenance(config, networkSpec, data, dataOptions.describe());
        metadata.putAll(inputs.metadata());
        return metadata;
    }

    /** What the run's data is: set once it is loaded. */
    private ModelInputs inputs;
}
