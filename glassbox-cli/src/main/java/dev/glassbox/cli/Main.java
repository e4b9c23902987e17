package dev.glassbox.cli;

import dev.glassbox.jvm.Glassbox;
import dev.glassbox.jvm.kernels.KernelChoice;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code glassbox} command: entry point, sub-commands and the one place errors are turned into exit codes. */
@Command(
        name = "glassbox",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A deep feed-forward neural network you can see through: learns to read handwritten digits.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            InfoCommand.class,
            BenchCommand.class,
            LabCommand.class,
            ExplainCommand.class,
            ExportCommand.class,
            SweepCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Success. */
    public static final int OK = 0;
    /** The work failed: bad file, diverged training, disk full, … */
    public static final int RUNTIME_ERROR = 1;
    /** The command line was wrong. */
    public static final int USAGE_ERROR = 2;
    /**
     * Stopped by Ctrl-C after saving what can be resumed. The JVM itself exits with 128 + the
     * signal's number once the shutdown hook returns: 130 for Ctrl-C (SIGINT), 143 for SIGTERM.
     */
    public static final int INTERRUPTED = 130;

    /** The commands that train from their first seconds, and so want the kernels compiled early. */
    private static final Set<String> TRAINING_COMMANDS = Set.of("train", "bench", "sweep");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, evaluate, predict, info, bench, lab, explain or sweep");
    }

    public static void main(String[] args) {
        // Library log records (e.g. the hint on enabling SIMD) as one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        if (args.length > 0 && TRAINING_COMMANDS.contains(args[0])) {
            // Setting up the command line takes a few tenths of a second on one core: the JIT
            // compiler can compile the kernels on the other meanwhile, rather than while data loads.
            KernelChoice.warmUpInBackground(DataOptions.WARM_UP_MILLIS);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; {@code out}/{@code err} receive all output. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new Main()), args, out, err);
    }

    /**
     * Runs a command line built around another root command (the Spark jobs' own) with this
     * one's conventions: messages on {@code err}, exit codes {@link #OK}, {@link #RUNTIME_ERROR},
     * {@link #USAGE_ERROR}.
     */
    public static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::runtimeError);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // An Error passes picocli's handler; once it has unwound this far, its memory is free again.
            err.println("glassbox: " + Errors.describe(e));
            if (Verbosity.verbose(cli.getParseResult() == null ? cli : subcommand(cli))) {
                e.printStackTrace(err);
            }
            err.flush();
            return RUNTIME_ERROR;
        }
    }

    /** The sub-command that ran, whose options say whether to be verbose. */
    private static CommandLine subcommand(CommandLine cli) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("glassbox: " + e.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return USAGE_ERROR;
    }

    private static int runtimeError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof UsageException) {
            err.println("glassbox: " + e.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return USAGE_ERROR;
        }
        err.println("glassbox: " + Errors.describe(e));
        if (Verbosity.verbose(cmd)) {
            e.printStackTrace(err);
        } else if (Errors.isUnexpected(e)) {
            err.println("Run again with --verbose to see the stack trace.");
        }
        return RUNTIME_ERROR;
    }

    /** Prints the version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"glassbox " + Glassbox.version(), "Java " + Runtime.version()};
        }
    }
}
