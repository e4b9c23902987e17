package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.nn.NetworkSpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Your model on the server: the model on show as a file, and a file the user opens becoming the model on show. */
class ModelFileRoutesTest {
    @TempDir
    Path dir;

    @Test
    void downloadsTheModelOnShowAndOpensAnother() throws Exception {
        try (LabServer server = TestLab.start(dir); HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(TestLab.uri(server, "/api/model/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            SavedModel downloaded = ModelCodec.read(file.body());
            assertThat(downloaded.network().spec()).isEqualTo(server.lab().snapshot().network().spec());
            assertThat(downloaded.network().parameters().get(0).value().data())
                    .containsExactly(server.lab().snapshot().network().parameters().get(0).value().data());
            assertThat(downloaded.metadata()).containsAllEntriesOf(server.lab().snapshot().metadata());

            byte[] other = ModelCodec.write(NetworkSpec.parse("784-8-relu-10").build(3), Map.of());
            HttpResponse<String> opened = client.send(open(server, "small.safetensors", other),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!server.lab().snapshot().source().equals("small.safetensors") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.lab().snapshot().network().spec().toString()).isEqualTo("784-8-relu-10");
            assertThat(TestLab.get(server, "/api/network").body()).contains("\"spec\":\"784-8-relu-10\"");

            HttpResponse<String> bad = client.send(open(server, "notes.txt", "not a model".getBytes()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).startsWith("{\"error\":\"notes.txt: ");
            byte[] wide = ModelCodec.write(NetworkSpec.parse("100-8-relu-10").build(3), Map.of());
            assertThat(client.send(open(server, "wide.safetensors", wide), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("wide.safetensors: the network 100-8-relu-10 reads 100 inputs into 10 outputs; the lab's data has 784 inputs");
            assertThat(server.lab().snapshot().source()).isEqualTo("small.safetensors");
            assertThat(Files.exists(server.lab().saveTo())).as("opening writes nothing").isFalse();
        }
    }

    private static HttpRequest open(LabServer server, String name, byte[] bytes) {
        return HttpRequest.newBuilder(TestLab.uri(server, "/api/model/open?name=" + name))
                .header("Content-Type", "application/octet-stream")
                .header(RequestGuard.TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }
}
