package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import dev.glassbox.sweep.SearchSpace;
import dev.glassbox.sweep.Trial;
import dev.glassbox.sweep.TrialResult;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassbox sweep}: a grid or random search over the options of {@code train}, every trial
 * trained with early stopping and ranked by validation accuracy; writes the table of trials, a
 * chart of it, and the best trial's model.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Searches hyper-parameters: trains one network per combination (--grid) or per random draw (--vary),",
            "each with early stopping on the validation set, and ranks them by validation accuracy. Any train",
            "option not varied applies to every trial. Writes DIR/trials.csv, DIR/trials.png and",
            "DIR/best.safetensors. Example:",
            "  glassbox sweep --epochs 5 --grid learning-rate=0.0005,0.0015,0.005 --grid layers=784-128-10,784-256-128-10"
        })
public final class SweepCommand implements Callable<Integer> {
    /** Options a trial may not vary: they change the data every trial is ranked on, or the machine. */
    private static final Set<String> FIXED = Set.of("--subset", "--validation", "--threads");
    private static final int MAX_TRIALS = 10_000;
    private static final int SWEEP_PATIENCE = 3;

    @Mixin
    Verbosity verbosity;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions options;

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,…",
            description = "Try every combination of these values (repeat for more options), e.g."
                    + " learning-rate=0.001,0.01. Values that hold commas are separated by |.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "NAME=VALUES",
            description = "Random search: draw each trial's value from a list (a,b,c) or a range: log:LOW:HIGH,"
                    + " uniform:LOW:HIGH or int:LOW:HIGH (repeat for more options).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N", defaultValue = "20",
            description = "Random search: how many trials to draw. Default: ${DEFAULT-VALUE}.")
    int trials;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Trials trained at once, sharing the cores. Default: the number of cores.")
    Integer parallel;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "sweep",
            description = "Where trials.csv, trials.png and best.safetensors go. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final TrialRunner runner;

    /** A sweep on this machine's threads. */
    public SweepCommand() {
        this(null);
    }

    /** A sweep whose trials {@code runner} runs (a cluster); null for this machine's threads. */
    public SweepCommand(TrialRunner runner) {
        this.runner = runner;
    }

    /** The options of one trial, parsed like {@code train}'s. */
    @Command(name = "trial")
    static final class TrialOptions {
        @Mixin
        RunOptions options;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (grid.isEmpty() == vary.isEmpty()) {
            throw new UsageException(grid.isEmpty() ? "give what to search: --grid NAME=V1,V2,… or --vary NAME=VALUES"
                    : "--grid and --vary are two kinds of search; use one");
        }
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new UsageException("--trials must be 1.." + MAX_TRIALS + ", got " + trials);
        }
        if (runner != null && parallel != null) {
            throw new UsageException("--parallel sets how many trials this machine runs at once; on a cluster its"
                    + " task slots decide");
        }
        TrialRunner trialRunner = runner != null ? runner : new LocalTrials(parallelTrials());
        SearchSpace space = UsageException.wrap(() -> SearchSpace.parse(grid.isEmpty() ? vary : grid));
        requireSweepable(space.names());
        List<Map<String, String>> points = UsageException.wrap(() -> grid.isEmpty()
                ? space.random(trials, options.seed) : space.grid(MAX_TRIALS));
        Map<Integer, TrialOptions> settingsByTrial = new HashMap<>();
        List<Trial> trialList = new ArrayList<>();
        for (Map<String, String> point : points) {
            int number = trialList.size() + 1;
            TrialOptions parsed = parseTrial(number, point);
            settingsByTrial.put(number, parsed);
            TrainingConfig config = parsed.options.config().toBuilder().threads(trialRunner.threadsPerTrial()).build();
            trialList.add(UsageException.wrap(() -> new Trial(number, point, parsed.options.networkSpec(),
                    parsed.options.initChoice(), config)));
        }
        requireWritable();

        MnistData data = dataOptions.load(err);
        TrainingData trainingData = options.trainingData(data).withTest(null);
        out.printf(Locale.ROOT, "Sweep: %d trials (%s over %s) on %,d images, %,d held out for validation; %s%n",
                trialList.size(), grid.isEmpty() ? "random search" : "grid", String.join(", ", space.names()),
                trainingData.train().size(), trainingData.validation().size(), trialRunner.describe());
        out.flush();

        long begin = System.nanoTime();
        List<TrialResult> results = new ArrayList<>();
        TrialResult[] best = {null};
        trialRunner.run(trialList, trainingData, result -> {
            out.printf(Locale.ROOT, "[%d/%d] %s%n", results.size() + 1, trialList.size(),
                    SweepReport.line(result, space.names()));
            out.flush();
            if (best[0] == null || TrialResult.BEST_FIRST.compare(result, best[0]) < 0) {
                best[0] = result;
            }
            results.add(result.withoutWeights());
        });
        double wall = (System.nanoTime() - begin) / 1e9;
        results.sort(TrialResult.BEST_FIRST);
        SweepReport.writeCsv(outDir.resolve("trials.csv"), space.names(), results);
        SweepReport.writePng(outDir.resolve("trials.png"), results);

        double summed = results.stream().mapToDouble(TrialResult::seconds).sum();
        out.printf(Locale.ROOT, "%nRanked by validation accuracy (the test set was not used):%n");
        for (int i = 0; i < Math.min(10, results.size()); i++) {
            out.printf(Locale.ROOT, "%3d. %s%n", i + 1, SweepReport.line(results.get(i), space.names()));
        }
        if (results.size() > 10) {
            out.printf(Locale.ROOT, "     … %d more in %s%n", results.size() - 10, outDir.resolve("trials.csv"));
        }
        out.printf(Locale.ROOT, "%n%d trials in %.1f s wall; their own times add up to %.1f s.%n", results.size(), wall,
                summed);
        if (best[0].status() != TrialResult.Status.DONE) {
            out.printf(Locale.ROOT, "Wrote %s and %s%n", outDir.resolve("trials.csv"), outDir.resolve("trials.png"));
            throw new IllegalStateException("every trial diverged; lower the learning rates searched");
        }
        saveBest(out, best[0], settingsByTrial.get(best[0].number()).options, data);
        return Main.OK;
    }

    private int parallelTrials() {
        int n = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (n < 1 || n > 1024) {
            throw new UsageException("--parallel must be 1..1024, got " + n);
        }
        return n;
    }

    private void saveBest(PrintWriter out, TrialResult best, RunOptions bestOptions, MnistData data) {
        Network network = bestOptions.build(bestOptions.networkSpec());
        network.setParameterValues(best.weights());
        TrainingConfig config = bestOptions.config();
        Evaluation test;
        try (Kernels kernels = KernelChoice.create(Runtime.getRuntime().availableProcessors())) {
            test = Evaluator.evaluate(network, config.loss(), data.test(), kernels);
        }
        Map<String, String> metadata = bestOptions.provenance(config, network.spec(), data, dataOptions.describe());
        metadata.put("glassbox.sweep_trial", Integer.toString(best.number()));
        metadata.put("glassbox.best_epoch", Integer.toString(best.bestEpoch()));
        metadata.put("glassbox.test_accuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        Path model = outDir.resolve("best.safetensors");
        ModelFiles.save(model, network, metadata);
        out.printf(Locale.ROOT, "Best: trial %d (%s): validation %.2f %%; on the test set %.2f %% (%,d errors of %,d)%n",
                best.number(), describe(best.settings()), 100 * best.validationAccuracy(), 100 * test.accuracy(),
                test.errors(), test.size());
        out.printf(Locale.ROOT, "Saved %s, %s and %s%n", model, outDir.resolve("trials.csv"),
                outDir.resolve("trials.png"));
    }

    private static String describe(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /** The sweep's own train options, then the trial's: the later wins. */
    private TrialOptions parseTrial(int number, Map<String, String> point) {
        List<String> args = new ArrayList<>();
        boolean patienceGiven = false;
        Set<String> runOptions = runOptionNames();
        for (CommandLine.Model.OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!runOptions.contains(option.longestName())) {
                continue;
            }
            patienceGiven |= option.longestName().equals("--patience");
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                args.add(value);
            }
        }
        if (!patienceGiven) {
            args.addAll(List.of("--patience", Integer.toString(SWEEP_PATIENCE)));
        }
        point.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        TrialOptions parsed = new TrialOptions();
        CommandLine cli = new CommandLine(parsed);
        cli.setOverwrittenOptionsAllowed(true);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("trial " + number + " (" + describe(point) + "): " + e.getMessage());
        }
        UsageException.wrap(() -> parsed.options.networkSpec());
        return parsed;
    }

    private static Set<String> runOptionNames() {
        Set<String> names = new TreeSet<>();
        for (CommandLine.Model.OptionSpec option : new CommandLine(new TrialOptions()).getCommandSpec().options()) {
            names.add(option.longestName());
        }
        return names;
    }

    private static void requireSweepable(List<String> names) {
        Set<String> allowed = new TreeSet<>(runOptionNames());
        allowed.removeAll(FIXED);
        for (String name : names) {
            if (!allowed.contains("--" + name)) {
                List<String> known = allowed.stream().map(n -> n.substring(2)).toList();
                throw new UsageException("cannot vary '" + name + "'" + (FIXED.contains("--" + name)
                        ? ": every trial must see the same data and machine" : "") + ". Options a sweep can vary: "
                        + String.join(", ", known));
            }
        }
    }

    /** Fails before the trials, not after, when the results could not be written. */
    private void requireWritable() {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out-dir " + outDir + " is a file; give a folder for the sweep's results");
        }
        try {
            Files.createDirectories(outDir);
            Files.delete(Files.createTempFile(outDir, ".glassbox-write-check", ".tmp"));
        } catch (IOException e) {
            throw new UsageException("--out-dir " + outDir + ": cannot write there (" + Errors.describe(e) + ")");
        }
        for (String name : List.of("trials.csv", "trials.png", "best.safetensors")) {
            OutputFiles.requireReplaceable("--out-dir", outDir.resolve(name), name);
        }
    }
}
