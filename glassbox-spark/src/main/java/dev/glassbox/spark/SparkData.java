package dev.glassbox.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Datasets on any file system Spark reads (HDFS, S3, a shared folder): the folder's files are
 * copied to a local folder on the driver, where the engine's own reader checks them as it checks
 * any local dataset. The driver then cuts the data into shards and broadcasts them.
 */
public final class SparkData {
    private SparkData() {}

    /** Whether {@code location} needs staging: it names a scheme other than {@code file}. */
    public static boolean isRemote(String location) {
        try {
            String scheme = new URI(location).getScheme();
            return scheme != null && scheme.length() > 1 && !scheme.equals("file");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Copies the files of folder {@code location} into a new local folder and returns it.
     *
     * @throws IllegalArgumentException if the folder holds no files
     */
    public static Path stage(JavaSparkContext spark, String location) {
        try {
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = remote.getFileSystem(spark.hadoopConfiguration());
            FileStatus[] files = fs.listStatus(remote);
            Path dir = Files.createTempDirectory("glassbox-data");
            dir.toFile().deleteOnExit();
            int copied = 0;
            for (FileStatus file : files) {
                if (!file.isFile()) {
                    continue;
                }
                Path local = dir.resolve(file.getPath().getName());
                try (InputStream in = fs.open(file.getPath())) {
                    Files.copy(in, local);
                }
                local.toFile().deleteOnExit();
                copied++;
            }
            if (copied == 0) {
                throw new IllegalArgumentException("--data " + location + ": no files there. It must hold the four IDX"
                        + " files (train-images-idx3-ubyte[.gz], …)");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("--data " + location + ": cannot read it: " + e.getMessage(), e);
        }
    }
}
