package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Mnist;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lab's questions answered in the page by the compiled {@link LabWorker} — the network view, a
 * test digit, an example forward, a drawing, a neuron, a backprop step, the diagnostics, a
 * confusion cell, an attribution and a nudge — are the JVM's answers: the same JSON text,
 * character for character, in WebAssembly GC. The JavaScript build, whose float arithmetic is
 * double's (see {@link SameTrainingTest}), gives the same answers in shape, its numbers within
 * rounding.
 */
class LabAnswersTest {
    private static final Path MNIST = Path.of("../data/mnist");

    @Test
    void theBrowserAnswersAsTheJvm() throws IOException {
        byte[] model = ModelCodec.write(NetworkSpec.parse("784-16-relu-12-relu-10").build(5),
                Map.of("glassbox.loss", "cross-entropy"));
        List<List<String>> requests = requests();

        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : Mnist.FILES) {
            files.put(file, Files.readAllBytes(MNIST.resolve(file + ".gz")));
        }
        MnistData data = Mnist.fromBytes("mnist", files, Workspace.UNKNOWN_SHA256);
        LabWorker jvm = new LabWorker();
        jvm.open(data, model, "a test model", "test");
        jvm.answer("get", "train", "{}"); // takes the opening's events, as the page does
        List<String> expected = new ArrayList<>();
        for (List<String> r : requests) {
            expected.add(jvm.answer(r.get(0), r.get(1), r.get(2)));
        }
        assertThat(expected.subList(0, expected.size() - 1)).allSatisfy(a -> assertThat(a).startsWith("{\"result\":"));
        assertThat(expected.getLast())
                .isEqualTo("{\"error\":\"pixels: expected 784 values, got 2\",\"events\":[]}");

        Path web = Path.of(System.getProperty("glassbox.web.directory", "target/web")).toAbsolutePath();
        List<Integer> bytes = new ArrayList<>();
        for (byte b : model) {
            bytes.add((int) b);
        }
        try (PageServer server = new PageServer(web, Map.of("data", MNIST.toAbsolutePath().normalize()));
                Chromium chromium = new Chromium()) {
            Page page = chromium.page();
            page.navigate(server.url("lab-answers.html"));
            page.waitForFunction("() => window.engineReady === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(120_000));
            List<?> wasm = (List<?>) page.evaluate("([b, m, r]) => labAnswers(b, m, r)", List.of("wasm", bytes, requests));
            for (int i = 0; i < requests.size(); i++) {
                assertThat(wasm.get(i)).as("WebAssembly GC, %s", requests.get(i).subList(0, 2)).isEqualTo(expected.get(i));
            }
            List<?> javascript = (List<?>) page.evaluate("([b, m, r]) => labAnswers(b, m, r)",
                    List.of("javascript", bytes, requests));
            for (int i = 0; i < requests.size(); i++) {
                assertThat(keys(Json.parse((String) javascript.get(i)))).as("JavaScript, %s",
                        requests.get(i).subList(0, 2)).isEqualTo(keys(Json.parse(expected.get(i))));
            }
            assertThat(chromium.errors).as("errors on the page").isEmpty();
        }
    }

    /** The structure of a parsed answer: its objects' keys, depth first, and its arrays' lengths. */
    private static String keys(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(k).append(':').append(keys(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[" + list.size());
            list.forEach(v -> out.append(',').append(keys(v)));
            return out.append(']').toString();
        }
        return value instanceof Number ? "n" : String.valueOf(value);
    }

    private static List<List<String>> requests() {
        StringBuilder ink = new StringBuilder();
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                ink.append(ink.isEmpty() ? "" : ",").append(y > 8 && y < 48 && x > 25 && x < 30 ? 255 : 0);
            }
        }
        StringBuilder pixels = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            pixels.append(i == 0 ? "" : ",").append(i % 7 == 0 ? "0.5" : i % 5 == 0 ? "1" : "0");
        }
        return List.of(
                List.of("get", "network", "{}"),
                List.of("get", "test-digit", "{\"label\":\"3\"}"),
                List.of("post", "forward", "{\"pixels\":[" + pixels + "]}"),
                List.of("post", "digit", "{\"width\":56,\"height\":56,\"ink\":[" + ink + "]}"),
                List.of("post", "neuron", "{\"pixels\":[" + pixels + "],\"column\":1,\"neuron\":3}"),
                List.of("post", "backprop", "{\"index\":7,\"learningRate\":0.1}"),
                List.of("post", "backprop", "{\"pixels\":[" + pixels + "],\"label\":4,\"learningRate\":0.5}"),
                List.of("get", "diagnostics", "{}"),
                List.of("get", "confusion-cell", "{\"label\":\"3\",\"predicted\":\"5\"}"),
                List.of("post", "attribution", "{\"pixels\":[" + pixels + "]}"),
                List.of("post", "attribution", "{\"pixels\":[" + pixels + "],\"target\":8}"),
                List.of("post", "nudge", "{\"pixels\":[" + pixels + "],\"target\":2}"),
                List.of("post", "forward", "{\"pixels\":[1,2]}"));
    }
}
