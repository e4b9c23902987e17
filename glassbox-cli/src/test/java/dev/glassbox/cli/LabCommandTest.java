package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.nn.NetworkSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox lab}: refuses unsafe or impossible settings, and serves the page at the address it prints. */
class LabCommandTest {
    @TempDir
    Path dir;

    @Test
    void refusesAnAddressOtherMachinesReachUnlessAllowed() {
        CliRun run = CliRun.of("lab", "--host", "0.0.0.0", "--model", "none.safetensors");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("refusing to listen on 0.0.0.0").contains("--allow-remote");
    }

    @Test
    void badPortOrMissingModelFail() {
        assertThat(CliRun.of("lab", "--port", "70000").exitCode()).isEqualTo(Main.USAGE_ERROR);
        CliRun missing = CliRun.of("lab", "--model", dir.resolve("none.safetensors").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(missing.err()).contains("no such model file");
    }

    @Test
    void refusesASaveTargetThatIsNotARegularFile() throws Exception {
        Path model = smallModel();
        Path folder = Files.createDirectories(dir.resolve("folder"));
        for (Path target : List.of(Path.of("/dev/null"), folder)) {
            CliRun run = CliRun.of("lab", "--model", model.toString(), "--save", target.toString());
            assertThat(run.exitCode()).as(target.toString()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("cannot save to " + target).contains("--save");
            assertThat(run.out()).doesNotContain("Glassbox lab:");
        }
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        try (var entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        Path model = smallModel();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("lab", "--model", model.toString(), "--port", Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(run.err().strip()).isEqualTo("glassbox: lab: port " + port + " on 127.0.0.1 is in use; choose"
                    + " another with --port, or 0 for any free port");
        }
    }

    @Test
    void helpListsAllowHost() {
        CliRun run = CliRun.of("lab", "--help");
        assertThat(run.out()).contains("--allow-host=NAME");
        assertThat(CliRun.of("lab", "--allow-host", "http://x/", "--model", "none.safetensors").err())
                .contains("--allow-host expects a host name");
    }

    @Test
    void ipv4MappedLoopbackPrintsAnAddressThatAnswers() throws Exception {
        Path model = smallModel();
        serve(new String[] {"lab", "--model", model.toString(), "--host", "::ffff:127.0.0.1"}, (uri, client) -> {
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(client.send(HttpRequest.newBuilder(uri.resolve("/api/network")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void showsATableAndAModelTrainedOnIt() throws Exception {
        serve(new String[] {"lab", "--data", "../data/iris.csv", "--save", dir.resolve("lab-iris.safetensors").toString()},
                (uri, client) -> assertThat(client.send(HttpRequest.newBuilder(uri.resolve("/api/network")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("\"spec\":\"4-16-relu-16-relu-3\"")
                        .contains("\"classes\":[\"setosa\",\"versicolor\",\"virginica\"]"));
        Path iris = dir.resolve("iris.safetensors");
        assertThat(CliRun.of("train", "--data", "../data/iris.csv", "--epochs", "20", "--out", iris.toString())
                .exitCode()).isZero();
        serve(new String[] {"lab", "--data", "../data/iris.csv", "--model", iris.toString()}, (uri, client) ->
                assertThat(client.send(HttpRequest.newBuilder(uri.resolve("/api/network")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("\"spec\":\"4-32-relu-16-relu-3\"")
                        .contains("\"kind\":\"table\""));
        CliRun mnistModel = CliRun.of("lab", "--data", "../data/iris.csv", "--model", smallModel().toString());
        assertThat(mnistModel.exitCode()).isNotZero();
        assertThat(mnistModel.err()).contains("the model reads images");
    }

    private Path smallModel() {
        Path model = dir.resolve("small.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-8-relu-10").build(3), Map.of());
        return model;
    }

    /** What a test does with the lab while it serves. */
    interface WhileServing {
        void run(URI uri, HttpClient client) throws Exception;
    }

    /** Runs the lab in-process, hands its printed address to {@code body}, then interrupts it: it exits OK. */
    private static void serve(String[] args, WhileServing body) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread lab = new Thread(() -> code.set(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))));
        lab.start();
        Pattern address = Pattern.compile("Glassbox lab: (http://\\S+/)");
        Matcher m = address.matcher(out.toString());
        boolean found = m.find();
        for (int i = 0; i < 600 && !found && lab.isAlive(); i++) {
            Thread.sleep(50);
            m = address.matcher(out.toString());
            found = m.find();
        }
        try {
            assertThat(found).as("printed an address; err: " + err).isTrue();
            try (HttpClient client = HttpClient.newHttpClient()) {
                body.run(URI.create(m.group(1)), client);
            }
        } finally {
            lab.interrupt();
            lab.join(10_000);
        }
        assertThat(code.get()).isEqualTo(Main.OK);
    }

    @Test
    void servesTheModelAtThePrintedAddressUntilInterrupted() throws Exception {
        Path model = dir.resolve("small.safetensors");
        ModelFiles.save(model, NetworkSpec.parse("784-8-relu-10").build(3), Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread lab = new Thread(() -> code.set(Main.run(new String[] {"lab", "--model", model.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))));
        lab.start();
        Pattern address = Pattern.compile("Glassbox lab: (http://127\\.0\\.0\\.1:\\d+/)");
        Matcher m = address.matcher(out.toString());
        boolean found = m.find();
        for (int i = 0; i < 600 && !found; i++) {
            Thread.sleep(50);
            m = address.matcher(out.toString());
            found = m.find();
        }
        assertThat(found).as("printed an address; err: " + err).isTrue();
        URI uri = URI.create(m.group(1));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            HttpResponse<String> network = client.send(HttpRequest.newBuilder(uri.resolve("/api/network")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(network.body()).contains("\"spec\":\"784-8-relu-10\"").contains(model.toString());
        }
        assertThat(out.toString()).contains("Press Ctrl-C to stop");
        lab.interrupt();
        lab.join(10_000);
        assertThat(code.get()).isEqualTo(Main.OK);
    }
}
