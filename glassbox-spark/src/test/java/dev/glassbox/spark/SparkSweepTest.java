package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.cli.Main;
import dev.glassbox.cli.SweepCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sweep} with its trials as Spark tasks on {@code local[2]}, against the same sweep on local threads. */
class SparkSweepTest {
    @TempDir
    Path dir;

    private static String[] sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--data", System.getProperty("glassbox.data"),
                "--subset", "3000", "--validation", "600", "--epochs", "2", "--layers", "784-16-10",
                "--grid", "learning-rate=0.0003,0.003", "--grid", "batch-size=32,64", "--out-dir", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aSweepOnSparkRanksTheTrialsAsTheLocalSweepDoes() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            code = SparkMain.run(spark, sweep(dir.resolve("spark")), new PrintWriter(out, true),
                    new PrintWriter(err, true));
        }
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Sweep: 4 trials (grid over learning-rate, batch-size)")
                .contains("Spark local[2], 2 task slots, 1 thread per trial").contains("Best: trial");

        StringWriter localOut = new StringWriter();
        String[] args = sweep(dir.resolve("local"), "--parallel", "2");
        int localCode = Main.execute(new CommandLine(new SweepCommand()), Arrays.copyOfRange(args, 1,
                args.length), new PrintWriter(localOut, true), new PrintWriter(new StringWriter(), true));
        assertThat(localCode).isEqualTo(Main.OK);

        List<String> spark = Files.readAllLines(dir.resolve("spark").resolve("trials.csv"));
        List<String> local = Files.readAllLines(dir.resolve("local").resolve("trials.csv"));
        assertThat(spark).hasSize(5);
        double previous = 1;
        for (int i = 1; i < 5; i++) {
            double accuracy = Double.parseDouble(spark.get(i).split(",")[5]);
            assertThat(accuracy).isLessThanOrEqualTo(previous);
            previous = accuracy;
            // The same trials give the same results wherever they run; only the seconds differ.
            assertThat(withoutSeconds(spark.get(i))).isEqualTo(withoutSeconds(local.get(i)));
        }
        assertThat(Files.exists(dir.resolve("spark").resolve("best.safetensors"))).isTrue();
        assertThat(Files.size(dir.resolve("spark").resolve("trials.png"))).isGreaterThan(1000);
    }

    @Test
    void parallelIsForLocalSweeps() {
        StringWriter err = new StringWriter();
        int code;
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            code = SparkMain.run(spark, sweep(dir.resolve("x"), "--parallel", "3"), new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
        }
        assertThat(code).isEqualTo(Main.USAGE_ERROR);
        assertThat(err.toString()).contains("on a cluster its task slots decide");
    }

    private static String withoutSeconds(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }
}
