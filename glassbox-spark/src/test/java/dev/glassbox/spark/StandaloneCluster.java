package dev.glassbox.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * A Spark standalone cluster on loopback: Spark's own master and workers, each a separate JVM
 * started from this JVM's class path. Workers need a SPARK_HOME with a {@code jars} folder to
 * launch executors; here it is empty, and the whole class path reaches the executors through
 * {@code spark.executor.extraClassPath}. The processes log to files in the scratch folder; the
 * master's status page ({@code /json/}) tells when it is up and which workers it has.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern MASTER_ALIVE = Pattern.compile("\"status\"\\s*:\\s*\"ALIVE\"");
    private static final Pattern WORKER_ALIVE = Pattern.compile("\"state\"\\s*:\\s*\"ALIVE\"");

    private final Path home;
    private final String classPath;
    private final Path logConfig;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int port;
    private final int webPort;
    private final HttpClient http = HttpClient.newHttpClient();

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
        this.webPort = freePort();
        Process master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(webPort)), scratch);
        processes.add(master);
        awaitMaster("master", master, scratch, status -> MASTER_ALIVE.matcher(status).find());
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
                work.toString(), url()), scratch);
        processes.add(worker);
        workers.add(worker);
        awaitMaster("worker-" + n, worker, scratch, status -> aliveWorkers(status) >= n);
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

    private Process start(String name, List<String> mainAndArgs, Path scratch) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-Dlog4j2.configurationFile=" + logConfig, "-cp", classPath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOG_DIR", scratch.toString());
        return builder.start();
    }

    /** Polls the master's status page until {@code ready} holds, failing with the process's log if it never does. */
    private void awaitMaster(String name, Process process, Path scratch, Predicate<String> ready) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Path log = scratch.resolve(name + ".log");
        throw new IllegalStateException("Spark " + name + (process.isAlive() ? " did not come up within "
                + STARTUP.toSeconds() + " s" : " exited with " + process.exitValue()) + "; its log:\n"
                + (Files.exists(log) ? Files.readString(log) : "(empty)"));
    }

    private static int aliveWorkers(String status) {
        return (int) WORKER_ALIVE.matcher(status).results().count();
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
