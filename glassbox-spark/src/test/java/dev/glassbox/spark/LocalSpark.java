package dev.glassbox.spark;

import dev.glassbox.data.MnistData;
import dev.glassbox.jvm.data.MnistFolder;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in this JVM, bound to loopback, and the MNIST copy the tests share. */
final class LocalSpark {
    private LocalSpark() {}

    static JavaSparkContext start(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("glassbox-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        return new JavaSparkContext(conf);
    }

    static MnistData mnist() {
        return MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
    }
}
