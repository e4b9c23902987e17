package dev.glassbox.spark;

import dev.glassbox.cli.Main;
import dev.glassbox.cli.SweepCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's entry point for {@code spark-submit}: {@code train} and {@code sweep}, with the
 * options of the {@code glassbox} command, run on the cluster spark-submit names (or on this
 * machine's cores when run without it).
 */
@Command(
        name = "glassbox-spark",
        mixinStandardHelpOptions = true,
        description = "Glassbox on Apache Spark: data-parallel training and hyper-parameter sweeps.",
        subcommands = CommandLine.HelpCommand.class)
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train or sweep");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (!needsSpark(args)) {
            System.exit(run(null, args, out, err));
        }
        SparkConf conf = new SparkConf().setAppName("glassbox " + String.join(" ", args));
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        int code;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            code = run(spark, args, out, err);
        }
        System.exit(code);
    }

    /** Runs a command on {@code spark} (null only for help); returns the exit code. */
    public static int run(JavaSparkContext spark, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.addSubcommand("train", new SparkTrainCommand(spark));
        cli.addSubcommand("sweep", new SweepCommand(spark == null ? null : new SparkTrials(spark)));
        return Main.execute(cli, spark == null ? args : staged(spark, args, err), out, err);
    }

    private static boolean needsSpark(String[] args) {
        List<String> list = Arrays.asList(args);
        return !list.isEmpty() && !list.get(0).equals("help") && list.stream().noneMatch(
                a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"));
    }

    /** The arguments with a remote --data folder replaced by its copy on the driver. */
    private static String[] staged(JavaSparkContext spark, String[] args, PrintWriter err) {
        String[] result = args.clone();
        for (int i = 0; i < result.length; i++) {
            boolean joined = result[i].startsWith("--data=");
            String value = joined ? result[i].substring("--data=".length())
                    : result[i].equals("--data") && i + 1 < result.length ? result[++i] : null;
            if (value != null && SparkData.isRemote(value)) {
                err.println("Copying " + value + " to the driver…");
                String local = SparkData.stage(spark, value).toString();
                result[i] = joined ? "--data=" + local : local;
            }
        }
        return result;
    }
}
