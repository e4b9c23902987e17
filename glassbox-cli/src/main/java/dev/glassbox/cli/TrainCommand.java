package dev.glassbox.cli;

import dev.glassbox.Glassbox;
import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.CheckpointFile;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelFile;
import dev.glassbox.internal.kernels.KernelChoice;
import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.MomentumRamp;
import dev.glassbox.optim.OptimizerConfig;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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

    @Option(names = {"-l", "--layers"}, paramLabel = "SPEC", defaultValue = "784-256-128-10",
            description = "Layer sizes from input to output, optionally with activations and dropout, e.g."
                    + " 784-512-gelu-256-gelu-10 or 784-dropout0.2-1024-1024-10. Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = {"-a", "--activation"}, paramLabel = "NAME", defaultValue = "relu",
            description = "Activation of hidden layers that name none: sigmoid, tanh, relu, leakyrelu, gelu,"
                    + " identity. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "auto",
            description = "Weight initialisation: he, xavier, or auto (He before ReLU-like activations, Xavier"
                    + " otherwise). Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout rate after every hidden activation (0 = none). Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "cross-entropy",
            description = "cross-entropy (softmax, fused) or mse. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = {"-o", "--optimizer"}, paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adam or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = {"-r", "--learning-rate"}, paramLabel = "RATE", defaultValue = "0.0015",
            description = "Base learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--schedule", paramLabel = "SCHEDULE", defaultValue = "cosine",
            description = "constant, step:EPOCHS:FACTOR, cosine or cosine:MIN, optionally after warmup:STEPS,"
                    + " (e.g. warmup:500,cosine). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum for the momentum and nesterov optimizers. Default: ${DEFAULT-VALUE}.")
    float momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 weight decay (decoupled for adamw). Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(names = "--clip-norm", paramLabel = "NORM", defaultValue = "0",
            description = "Clip the global gradient norm (0 = off). Default: ${DEFAULT-VALUE}.")
    float clipNorm;

    @Option(names = "--max-norm", paramLabel = "NORM", defaultValue = "0",
            description = "Cap each neuron's incoming weight norm (0 = off). Default: ${DEFAULT-VALUE}.")
    float maxNorm;

    @Option(names = "--augment", paramLabel = "SPEC", defaultValue = "none",
            description = "Distort every training image afresh each epoch: affine (rotate, scale, shear, shift),"
                    + " elastic (Simard et al.'s alpha, sigma) or affine+elastic, each optionally with settings, e.g."
                    + " affine:rotate=15,shift=3+elastic:alpha=36,sigma=6. Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(names = "--momentum-ramp", paramLabel = "START:EPOCHS", defaultValue = "none",
            description = "Raise the momentum linearly from START to --momentum over the first EPOCHS epochs"
                    + " (momentum and nesterov), e.g. 0.5:10. Default: ${DEFAULT-VALUE}.")
    String momentumRamp;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "64",
            description = "Samples per gradient step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "10",
            description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--subset", paramLabel = "N",
            description = "Train on the first N training images only (before the validation hold-out), for quick"
                    + " experiments. Default: all.")
    Integer subset;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "5000",
            description = "Training samples held out to pick the best epoch and stop early (0 = none; the test"
                    + " set is never used for that). Default: ${DEFAULT-VALUE}.")
    int validation;

    @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Stop after this many epochs without better validation accuracy (0 = never)."
                    + " Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = {"-s", "--seed"}, paramLabel = "N", defaultValue = "1",
            description = "Seeds initialisation, shuffling and dropout: same seed and threads, same model."
                    + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Threads for the arithmetic. Default: the number of cores.")
    Integer threads;

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
        if (threads != null) {
            settings.threads = threads;
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
            long s = seed + i;
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
                seeds, seed, seed + seeds - 1, mean, Math.sqrt(variance), counts);
        return Main.OK;
    }

    /** Trains from scratch, or continues {@code saved} when it is not null. */
    private int train(Checkpoint saved) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = config();
        NetworkSpec networkSpec = networkSpec();
        Init initChoice = init.equalsIgnoreCase("auto") ? null : usage(() -> Init.byName(init));
        requireWritableOut();

        KernelChoice.warmUpInBackground(DataOptions.WARM_UP_MILLIS); // overlaps with loading the data
        MnistData data = dataOptions.load(err);
        Dataset train = data.train();
        if (subset != null) {
            if (subset < 1 || subset > train.size()) {
                throw new UsageException("--subset must be 1.." + train.size() + ", got " + subset);
            }
            train = train.slice(train.name() + "[0:" + subset + "]", 0, subset);
        }
        if (validation >= train.size()) {
            throw new UsageException("--validation " + validation + " leaves no training data (the set has "
                    + train.size() + " samples)");
        }
        Network network = saved == null ? networkSpec.build(initChoice, new SplittableRandom(seed))
                : savedNetwork(saved, networkSpec, data);
        TrainingData trainingData = TrainingData.of(train).holdOut(validation).withTest(data.test());

        Trainer trainer = new Trainer(config).addListener(new ProgressReporter(out, err));
        MetricsFile metrics = metricsJson == null ? null : new MetricsFile(metricsJson);
        if (metrics != null) {
            trainer.addListener(metrics);
        }
        CheckpointSchedule schedule = usage(() -> CheckpointSchedule.parse(checkpointEvery, epochs));
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

    private TrainingConfig config() {
        return usage(() -> TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .schedule(LearningRateSchedule.parse(schedule))
                .optimizer(OptimizerConfig.of(optimizer).withMomentum(momentum).withWeightDecay(weightDecay))
                .loss(loss)
                .clipNorm(clipNorm)
                .maxNorm(maxNorm)
                .patience(patience)
                .seed(seed)
                .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                .augmentation(Augmentation.parse(augment))
                .momentumRamp(MomentumRamp.parse(momentumRamp))
                .build());
    }

    /** The layer spec with --activation filled in and --dropout after every hidden activation. */
    private NetworkSpec networkSpec() {
        return usage(() -> {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            }
            NetworkSpec parsed = NetworkSpec.parse(layers, Activation.byName(activation));
            if (dropout == 0) {
                return parsed;
            }
            List<NetworkSpec.Step> steps = new ArrayList<>();
            for (NetworkSpec.Step step : parsed.steps()) {
                steps.add(step);
                if (step instanceof NetworkSpec.ActivationStep) {
                    steps.add(new NetworkSpec.DropoutStep(dropout));
                }
            }
            return new NetworkSpec(parsed.inputSize(), steps);
        });
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
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("layers", networkSpec.toString());
        hyper.put("init", init);
        hyper.put("loss", config.lossName());
        hyper.put("optimizer", config.optimizer().toString());
        hyper.put("learning_rate", config.learningRate());
        hyper.put("schedule", config.schedule().toString());
        hyper.put("batch_size", config.batchSize());
        hyper.put("epochs", config.epochs());
        hyper.put("clip_norm", config.clipNorm());
        hyper.put("max_norm", config.maxNorm());
        hyper.put("patience", config.patience());
        hyper.put("validation", validation);
        if (subset != null) {
            hyper.put("subset", subset);
        }
        hyper.put("threads", config.threads());
        hyper.put("augmentation", config.augmentation().toString());
        hyper.put("momentum_ramp", config.momentumRamp().toString());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("glassbox.version", Glassbox.version());
        metadata.put("glassbox.loss", config.lossName());
        metadata.put("glassbox.input_normalization", Dataset.INPUT_NORMALIZATION);
        metadata.put("glassbox.image_shape", data.train().imageRows() + "x" + data.train().imageCols());
        metadata.put("glassbox.seed", Long.toString(config.seed()));
        metadata.put("glassbox.hyperparameters", Json.write(hyper));
        metadata.put("glassbox.dataset", dataOptions.describe());
        metadata.put("glassbox.dataset_sha256", data.sha256());
        return metadata;
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
