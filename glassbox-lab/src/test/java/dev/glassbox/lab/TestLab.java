package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * What the lab's tests share: MNIST and the default model, trained once per test run (a few
 * seconds), and a small HTTP client.
 */
final class TestLab {
    private static MnistData data;
    private static LabModel model;

    private TestLab() {}

    static synchronized MnistData data() {
        if (data == null) {
            data = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
        }
        return data;
    }

    /** The MNIST data as the lab shows it. */
    static LabData labData() {
        return LabData.mnist(data());
    }

    /** The default model, as {@code glassbox lab} trains it when given none. */
    static synchronized LabModel model() {
        if (model == null) {
            model = DefaultModel.train(labData(), new TrainingListener() {});
        }
        return model;
    }

    /** A lab over the default model on loopback, saving into {@code dir}. */
    static LabServer start(Path dir) {
        return LabServer.start(model(), labData(), LabSettings.local(dir.resolve("model.safetensors")));
    }

    record Response(int status, String body) {}

    static Response get(LabServer server, String path) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build());
    }

    /** Posts {@code json} as the page does: with this lab's token. */
    static Response post(LabServer server, String path, String json) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json")
                .header(RequestGuard.TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static Response send(HttpRequest request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(LabServer server, String path) {
        return server.uri().resolve(path);
    }
}
