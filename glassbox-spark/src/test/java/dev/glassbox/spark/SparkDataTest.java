package dev.glassbox.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset folder read through Spark's file systems (here a file: URI), copied to the driver. */
class SparkDataTest {
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[1]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aFolderOnAnyFileSystemIsCopiedAndCheckedAsALocalOne() {
        Path data = Path.of(System.getProperty("glassbox.data")).toAbsolutePath();
        Path staged = SparkData.stage(spark, data.toUri().toString());
        assertThat(staged).isNotEqualTo(data);
        MnistData copy = MnistFolder.load(staged);
        assertThat(copy.train().size()).isEqualTo(60_000);
        assertThat(copy.sha256()).isEqualTo(LocalSpark.mnist().sha256());
    }

    @Test
    void onlyOtherSchemesNeedStaging() {
        assertThat(SparkData.isRemote("hdfs://namenode/datasets/mnist")).isTrue();
        assertThat(SparkData.isRemote("s3a://bucket/mnist")).isTrue();
        assertThat(SparkData.isRemote("file:///data/mnist")).isFalse();
        assertThat(SparkData.isRemote("data/mnist")).isFalse();
        assertThat(SparkData.isRemote("C:\\\\data\\\\mnist")).isFalse();
    }

    @Test
    void anEmptyFolderIsNamed(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("nothing-here"));
        assertThatThrownBy(() -> SparkData.stage(spark, empty.resolve("nothing-here").toUri().toString()))
                .hasMessageContaining("no files there");
    }
}
