package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job's model file is a regular file or absent, checked before the cluster does any work. */
class SparkOutputTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceAsOutIsRefusedBeforeTraining() throws Exception {
        Path device = Files.createSymbolicLink(dir.resolve("null.safetensors"), Path.of("/dev/null"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (JavaSparkContext spark = LocalSpark.start("local[1]")) {
            code = SparkMain.run(spark, new String[] {"train", "--data", System.getProperty("glassbox.data"),
                "--subset", "600", "--validation", "100", "--epochs", "1", "--layers", "784-8-10", "--out",
                device.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        }
        assertThat(code).as(err.toString()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(err.toString()).contains("--out " + device).contains("not a regular file");
        assertThat(out.toString()).doesNotContain("epoch");
        assertThat(Files.readSymbolicLink(device)).isEqualTo(Path.of("/dev/null"));
    }
}
