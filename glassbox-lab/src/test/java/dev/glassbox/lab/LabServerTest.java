package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelFile;
import dev.glassbox.io.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's safety rules, and that what it answers is the engine's. */
class LabServerTest {
    @TempDir
    static Path dir;

    private static LabServer server;

    @BeforeAll
    static void start() {
        server = TestLab.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String pixels(int count, String value) {
        return "{\"pixels\":[" + String.join(",", Collections.nCopies(count, value)) + "]}";
    }

    @Test
    void listensOnLoopbackOnAFreePort() {
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(TestLab.get(server, "/").body()).contains("<title>Glassbox lab</title>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.1"})
    void refusesAddressesOtherMachinesReachUnlessAsked(String host) {
        assertThatThrownBy(() -> new LabSettings(host, 0, false, dir.resolve("m.safetensors")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to listen on " + host)
                .hasMessageContaining("--allow-remote");
        assertThat(new LabSettings(host, 0, true, dir.resolve("m.safetensors")).host()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "127.0.0.2"})
    void acceptsLoopbackAddresses(String host) {
        assertThat(new LabSettings(host, 0, false, dir.resolve("m.safetensors")).host()).isEqualTo(host);
    }

    @Test
    void answersOnlyRequestsAddressedToLoopback() throws IOException {
        assertThat(rawStatus("GET /api/network HTTP/1.1\r\nHost: attacker.example\r\n")).isEqualTo(403);
        assertThat(rawStatus("GET /api/network HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n"))
                .isEqualTo(200);
    }

    @Test
    void refusesStateChangesFromOtherOriginsOrNotJson() throws IOException {
        String body = "{}";
        assertThat(rawStatus("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: http://attacker.example\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n", body)).isEqualTo(403);
        assertThat(rawStatus("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n", body)).isEqualTo(415);
    }

    @Test
    void limitsRequestBodies() {
        TestLab.Response response = TestLab.post(server, "/api/forward", pixels(40_000, "0.5000000"));
        assertThat(response.status()).isEqualTo(413);
        assertThat(TestLab.post(server, "/api/forward", pixels(784, "0.5")).status()).isEqualTo(200);
    }

    @Test
    void inputsMustBe784FiniteValuesInRange() {
        assertThat(TestLab.post(server, "/api/forward", pixels(783, "0")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("expected 784 values (28×28), got 783"));
        assertThat(TestLab.post(server, "/api/forward", pixels(785, "0")).status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", pixels(784, "1.5")).body())
                .contains("expected a value in [0, 1] (pixel / 255), got 1.5");
        assertThat(TestLab.post(server, "/api/forward", pixels(784, "-0.1")).status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", pixels(784, "1e400")).status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", pixels(784, "NaN")).status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", "{\"pixels\":\"nope\"}").status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", "[").status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/forward", "{}").status()).isEqualTo(400);
        assertThat(TestLab.post(server, "/api/neuron", "{\"pixels\":" + pixels(784, "0").substring(10)
                .replace("]}", "],\"column\":7,\"neuron\":0}")).body()).contains("column: expected 0..2, got 7");
        assertThat(TestLab.post(server, "/api/digit", "{\"width\":112,\"height\":112,\"ink\":[1,2]}").body())
                .contains("expected 12544 ink values, got 2");
        assertThat(TestLab.post(server, "/api/backprop", "{\"index\":10000,\"learningRate\":0.1}").body())
                .contains("expected a test image 0..9999, got 10000");
        assertThat(TestLab.get(server, "/api/test-digit?index=x").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../pom.xml",
        "/%2e%2e/%2e%2e/pom.xml",
        "/..%2f..%2f..%2fpom.xml",
        "/js/..%2f..%2fLabServer.class",
        "/dev/glassbox/lab/LabServer.class",
        "/LabServer.class",
        "/simplelogger.properties",
        "/META-INF/MANIFEST.MF",
        "/webjars/../dev/glassbox/lab/LabServer.class",
        "/webjars/chart.js/4.5.1/../../../dev/glassbox/lab/LabServer.class",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
    })
    void servesNothingOutsideItsBundledAssets(String path) throws IOException {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n", "");
        assertThat(status(response)).as(path).isIn(400, 404);
        assertThat(response).doesNotContain("root:").doesNotContain("<project").doesNotContain("\u00ca\u00fe\u00ba\u00be");
    }

    @Test
    void servesTheBundledAssetsAndChartLibrary() {
        assertThat(TestLab.get(server, "/js/main.js").status()).isEqualTo(200);
        assertThat(TestLab.get(server, "/lab.css").status()).isEqualTo(200);
        assertThat(TestLab.get(server, "/webjars/chart.js/4.5.1/dist/chart.umd.min.js").status()).isEqualTo(200);
    }

    @Test
    void forwardIsTheEnginesForwardOnTheCurrentSnapshot() {
        float[] input = Images.toInput(TestLab.data().test().image(0));
        StringBuilder json = new StringBuilder("{\"pixels\":[");
        for (int i = 0; i < input.length; i++) {
            json.append(i == 0 ? "" : ",").append(input[i]);
        }
        TestLab.Response response = TestLab.post(server, "/api/forward", json.append("]}").toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.body());
        ForwardTrace expected = server.lab().snapshot().explainer().forward(input);
        assertThat(numbers(body.get("probabilities"))).containsExactly(expected.probabilities());
        assertThat(((Number) body.get("predicted")).intValue()).isEqualTo(expected.predicted())
                .isEqualTo(TestLab.data().test().label(0));
    }

    @Test
    void savesTheModelItShowsToTheFileChosenAtStart() {
        TestLab.Response response = TestLab.post(server, "/api/save", "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        SavedModel saved = ModelFile.load(server.lab().saveTo());
        assertThat(saved.network().spec()).isEqualTo(server.lab().snapshot().network().spec());
        for (int p = 0; p < saved.network().parameters().size(); p++) {
            assertThat(saved.network().parameters().get(p).value().data())
                    .containsExactly(server.lab().snapshot().network().parameters().get(p).value().data());
        }
        assertThat(saved.metadata()).containsEntry("glassbox.loss", "cross-entropy");
    }

    static float[] numbers(Object list) {
        List<?> values = (List<?>) list;
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) values.get(i)).floatValue();
        }
        return result;
    }

    private static int rawStatus(String head) throws IOException {
        return rawStatus(head, "");
    }

    private static int rawStatus(String head, String body) throws IOException {
        return status(raw(head, body));
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** One HTTP/1.1 exchange over a socket, so the test controls every header (Host included). */
    private static String raw(String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            return new String(Arrays.copyOf(all, Math.min(all.length, 1 << 16)), StandardCharsets.ISO_8859_1);
        }
    }
}
