package dev.glassbox.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.SparkConf;

/**
 * A Spark standalone cluster on loopback: Spark's own master and workers, each a separate JVM
 * started from this JVM's class path. Workers need a SPARK_HOME with a {@code jars} folder to
 * launch executors; here it is empty, and the whole class path reaches the executors through
 * {@code spark.executor.extraClassPath}. The cluster logs at INFO to files in the scratch folder,
 * which is also how the test sees that each process is up.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Path home;
    private final String classPath;
    private final Path logConfig;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int port;

    StandaloneCluster(Path scratch) throws IOException {
        this.home = scratch.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        this.classPath = String.join(File.pathSeparator, entries);
        this.logConfig = scratch.resolve("log4j2-cluster.properties");
        Files.writeString(logConfig, String.join("\n", "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = console", "appender.console.type = Console",
                "appender.console.name = console", "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n", ""));
        this.port = freePort();
        Process master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())), scratch,
                line -> line.contains("I have been elected leader"));
        processes.add(master);
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** Starts a worker with one core and waits until the master has it. */
    void addWorker(Path scratch) throws IOException {
        int n = workers.size() + 1;
        Path work = Files.createDirectories(scratch.resolve("worker-" + n));
        Process worker = start("worker-" + n, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                work.toString(), url()), scratch, line -> line.contains("Successfully registered with master"));
        processes.add(worker);
        workers.add(worker);
    }

    /** Kills worker {@code n} (1-based) at once, as a crash would; its executor follows it. */
    void killWorker(int n) {
        Process worker = workers.get(n - 1);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    /** The settings a driver in this JVM needs to use the cluster. */
    SparkConf driverConf(String app) {
        return new SparkConf().setMaster(url()).setAppName(app)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "768m")
                .set("spark.executor.cores", "1")
                .set("spark.cores.max", "2")
                .set("spark.executor.extraClassPath", classPath)
                .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
    }

    private Process start(String name, List<String> mainAndArgs, Path scratch, Predicate<String> ready)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-Dlog4j2.configurationFile=" + logConfig, "-cp", classPath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOG_DIR", scratch.toString());
        Process process = builder.start();
        CountDownLatch started = new CountDownLatch(1);
        Path log = scratch.resolve(name + ".log");
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    if (ready.test(line)) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "spark-" + name + "-log");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!started.await(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Spark " + name + " did not start within " + STARTUP.toSeconds()
                        + " s; its log: " + (Files.exists(log) ? Files.readString(log) : "(empty)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes.reversed()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
