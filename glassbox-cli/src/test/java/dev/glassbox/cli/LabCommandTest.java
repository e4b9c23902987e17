package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.ModelFile;
import dev.glassbox.nn.NetworkSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
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
    void servesTheModelAtThePrintedAddressUntilInterrupted() throws Exception {
        Path model = dir.resolve("small.safetensors");
        ModelFile.save(model, NetworkSpec.parse("784-8-relu-10").build(new SplittableRandom(3)), Map.of());
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
