package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.io.Json;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.lab.core.Images;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
                + "\r\nOrigin: http://attacker.example\r\nContent-Type: application/json\r\n" + token(server)
                + "Content-Length: " + body.length() + "\r\n", body)).isEqualTo(403);
        assertThat(rawStatus("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: text/plain\r\n" + token(server) + "Content-Length: " + body.length() + "\r\n",
                body)).isEqualTo(415);
    }

    @Test
    void stateChangesNeedThisRunsToken() throws IOException {
        String head = "POST /api/forward HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: http://127.0.0.1:" + server.port() + "\r\nContent-Type: application/json\r\n";
        String body = pixels(784, "0");
        String length = "Content-Length: " + body.length() + "\r\n";
        String none = raw(server, head + length, body);
        assertThat(status(none)).isEqualTo(403);
        assertThat(none).contains("X-Glassbox-Token: expected this lab's token, got none");
        assertThat(status(raw(server, head + "X-Glassbox-Token: " + "A".repeat(43) + "\r\n" + length, body)))
                .isEqualTo(403);
        assertThat(status(raw(server, head + "X-Glassbox-Token: \r\n" + length, body))).isEqualTo(403);
        assertThat(status(raw(server, head + token(server) + length, body))).isEqualTo(200);
        assertThat(TestLab.send(HttpRequest.newBuilder(server.uri().resolve("/api/save"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build()).status()).isEqualTo(403);
    }

    @Test
    void givesTheTokenOnlyToItsOwnOriginAndSendsNoCorsHeaders() throws IOException {
        String own = raw(server, "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n", "");
        assertThat(status(own)).isEqualTo(200);
        assertThat(own).contains("\"token\":\"" + server.token() + "\"").contains("X-Glassbox-Token");
        String foreign = raw(server, "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: http://attacker.example\r\n", "");
        assertThat(status(foreign)).isEqualTo(403);
        assertThat(foreign).doesNotContain(server.token());
        String preflight = raw(server, "OPTIONS /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: http://attacker.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: content-type,x-glassbox-token\r\n", "");
        for (String response : List.of(own, foreign, preflight)) {
            assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("access-control-");
        }
        assertThat(status(preflight)).isIn(403, 404, 405, 415);
    }

    /**
     * DNS rebinding: a page at evil.example points its name at this machine, so its requests carry
     * its own name as Host and Origin. Refused even with --allow-remote on every address, unless the
     * user allowed the name.
     */
    @Test
    void refusesOtherHostNamesEvenWhenRemoteIsAllowed() throws IOException {
        Path save = dir.resolve("rebinding.safetensors");
        try (LabServer open = LabServer.start(TestLab.model(), TestLab.labData(),
                new LabSettings("0.0.0.0", 0, true, save));
                LabServer named = LabServer.start(TestLab.model(), TestLab.labData(),
                        new LabSettings("0.0.0.0", 0, true, List.of("evil.example"), save))) {
            String evil = "evil.example:" + open.port();
            String post = "POST /api/save HTTP/1.1\r\nHost: " + evil + "\r\nOrigin: http://" + evil
                    + "\r\nContent-Type: application/json\r\n" + token(open) + "Content-Length: 2\r\n";
            String refused = raw(open, post, "{}");
            assertThat(status(refused)).isEqualTo(403);
            assertThat(refused).contains("--allow-host");
            assertThat(save).doesNotExist();
            assertThat(rawStatus(open, "GET /api/session HTTP/1.1\r\nHost: " + evil + "\r\n")).isEqualTo(403);
            // Its own addresses and loopback names still work, Origin and all.
            for (String host : List.of("127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]")) {
                String authority = host + ":" + open.port();
                assertThat(rawStatus(open, "POST /api/forward HTTP/1.1\r\nHost: " + authority + "\r\nOrigin: http://"
                        + authority + "\r\nContent-Type: application/json\r\n" + token(open) + "Content-Length: "
                        + pixels(784, "0").length() + "\r\n", pixels(784, "0"))).as(host).isEqualTo(200);
            }
            String allowed = "evil.example:" + named.port();
            assertThat(rawStatus(named, "POST /api/save HTTP/1.1\r\nHost: " + allowed + "\r\nOrigin: http://"
                    + allowed + "\r\nContent-Type: application/json\r\n" + token(named) + "Content-Length: 2\r\n",
                    "{}")).isEqualTo(200);
            assertThat(save).exists();
        }
    }

    @Test
    void ipv4MappedLoopbackIsLoopback() throws IOException {
        try (LabServer mapped = LabServer.start(TestLab.model(), TestLab.labData(),
                new LabSettings("::ffff:127.0.0.1", 0, false, dir.resolve("mapped.safetensors")))) {
            assertThat(mapped.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(TestLab.get(mapped, "/api/network").status()).isEqualTo(200);
            assertThat(TestLab.post(mapped, "/api/forward", pixels(784, "0")).status()).isEqualTo(200);
            for (String host : List.of("[::ffff:127.0.0.1]", "[::ffff:7f00:1]")) {
                assertThat(rawStatus(mapped, "GET /api/network HTTP/1.1\r\nHost: " + host + ":" + mapped.port()
                        + "\r\n")).as(host).isEqualTo(200);
            }
            assertThat(rawStatus(mapped, "GET /api/network HTTP/1.1\r\nHost: [::ffff:192.0.2.1]\r\n"))
                    .isEqualTo(403);
        }
    }

    @Test
    void aPortInUseIsOneLineSayingSo() {
        String host = "127.0.0.1";
        assertThatThrownBy(() -> LabServer.start(TestLab.model(), TestLab.labData(),
                new LabSettings(host, server.port(), false, dir.resolve("busy.safetensors"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("lab: port " + server.port() + " on 127.0.0.1 is in use; choose another with --port, or 0"
                        + " for any free port");
        assertThat(TestLab.get(server, "/api/network").status()).isEqualTo(200);
    }

    @Test
    void backpropRefusesBadIndexesAndMissingParts() {
        String pixels = pixels(784, "0").substring(1, pixels(784, "0").length() - 1); // "pixels":[...]
        Map<String, String> bodies = Map.of(
                "{\"index\":-1,\"learningRate\":0.1}", "index: expected a test image number 0 or more, got -1",
                "{\"index\":10000,\"learningRate\":0.1}", "expected a test example 0..9999, got 10000",
                "{\"index\":3,\"label\":2,\"learningRate\":0.1}", "a test image brings its own label",
                "{\"learningRate\":0.1}", "give either a test image index or pixels with a label",
                "{" + pixels + ",\"learningRate\":0.1}", "pixels need the desired class (label)",
                "{" + pixels + ",\"label\":12,\"learningRate\":0.1}", "label: expected a class 0..9, got 12",
                "{\"pixels\":[0.5],\"label\":1,\"learningRate\":0.1}", "expected 784 values, got 1");
        bodies.forEach((body, reason) -> {
            TestLab.Response response = TestLab.post(server, "/api/backprop", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains(reason);
        });
        assertThat(TestLab.post(server, "/api/backprop", "{\"index\":0,\"learningRate\":0.1}").status())
                .isEqualTo(200);
        assertThat(TestLab.post(server, "/api/backprop", "{" + pixels + ",\"label\":3,\"learningRate\":0.1}")
                .status()).isEqualTo(200);
    }

    @Test
    void saveRefusesWhatIsNotARegularFileAndSaysWhyWritingFailed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        Map<Path, String> targets = Map.of(
                folder, "409:it is a directory",
                Path.of("/dev/null"), "409:it is not a regular file",
                notAFolder.resolve("model.safetensors"), "500:is a file, expected a directory");
        for (Map.Entry<Path, String> target : targets.entrySet()) {
            try (LabServer lab = LabServer.start(TestLab.model(), TestLab.labData(),
                    new LabSettings("127.0.0.1", 0, false, target.getKey()))) {
                TestLab.Response response = TestLab.post(lab, "/api/save", "{}");
                String[] expected = target.getValue().split(":", 2);
                assertThat(response.status()).as(target.getKey().toString()).isEqualTo(Integer.parseInt(expected[0]));
                assertThat(response.body()).as(target.getKey().toString()).startsWith("{\"error\":")
                        .contains(expected[1]);
            }
        }
        assertThat(Path.of("/dev/null")).satisfies(p -> assertThat(Files.isRegularFile(p)).isFalse());
        assertThat(Files.list(folder)).isEmpty();
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
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
                .satisfies(r -> assertThat(r.body()).contains("expected 784 values, got 783"));
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
                .contains("expected a test example 0..9999, got 10000");
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
        assertThat(TestLab.get(server, "/vendor/chart.umd.min.js").status()).isEqualTo(200);
        assertThat(TestLab.get(server, "/webjars/chart.js/4.5.1/dist/chart.umd.min.js").status()).isEqualTo(404);
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
        SavedModel saved = ModelFiles.load(server.lab().saveTo());
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

    private static int rawStatus(LabServer lab, String head) throws IOException {
        return status(raw(lab, head, ""));
    }

    private static int rawStatus(LabServer lab, String head, String body) throws IOException {
        return status(raw(lab, head, body));
    }

    /** The token header line, as the page sends it. */
    private static String token(LabServer lab) {
        return RequestGuard.TOKEN_HEADER + ": " + lab.token() + "\r\n";
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** One HTTP/1.1 exchange over a socket, so the test controls every header (Host included). */
    private static String raw(String head, String body) throws IOException {
        return raw(server, head, body);
    }

    private static String raw(LabServer lab, String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", lab.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            return new String(Arrays.copyOf(all, Math.min(all.length, 1 << 16)), StandardCharsets.ISO_8859_1);
        }
    }
}
