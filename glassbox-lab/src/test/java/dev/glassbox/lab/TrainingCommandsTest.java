package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.lab.core.TrainingJson;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train live's commands over HTTP: what is refused, and that a failed run leaves the panel usable. */
class TrainingCommandsTest {
    @TempDir
    Path dir;

    private LabServer server;

    @BeforeEach
    void start() {
        server = TestLab.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String settings(String layers, int batchSize, int pace) {
        return "{\"layers\":\"" + layers + "\",\"activation\":\"relu\",\"optimizer\":\"adam\",\"learningRate\":0.003,"
                + "\"batchSize\":" + batchSize + ",\"epochs\":100,\"pace\":" + pace + "}";
    }

    @Test
    void refusesSettingsTheHeapCannotHold() {
        String layers = "784" + "-4096".repeat(7) + "-10";
        TestLab.Response response = TestLab.post(server, "/api/train/start", settings(layers, 4096, 0));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":")
                .contains("784-4096-relu-4096-relu-4096-relu-4096-relu-4096-relu-4096-relu-4096-relu-10 at batch 4096"
                        + " with adam needs about")
                .contains("heap")
                .contains("smaller batch")
                .contains("JAVA_OPTS=-Xmx");
        assertThat(TestLab.post(server, "/api/train/reset", settings(layers, 4096, 0)).status()).isEqualTo(400);
        assertThat(server.lab().training().status().state()).isEqualTo("ready");
        assertThat(server.lab().training().running()).isFalse();
    }

    /** A second Start would only wait behind the run, unseen, so it is refused; after Pause, Start works. */
    @Test
    void aSecondStartWhileTrainingIsRefused() throws InterruptedException {
        String slow = settings(DefaultModel.SPEC, 64, 5);
        assertThat(TestLab.post(server, "/api/train/start", slow).status()).isEqualTo(202);
        awaitState("running");
        TestLab.Response again = TestLab.post(server, "/api/train/start", settings(DefaultModel.SPEC, 32, 0));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already training");
        assertThat(TestLab.post(server, "/api/train/pause", "{}").status()).isEqualTo(202);
        awaitState("paused");
        assertThat(TestLab.post(server, "/api/train/start", slow).status()).isEqualTo(202);
        awaitState("running");
        assertThat(TestLab.post(server, "/api/train/pause", "{}").status()).isEqualTo(202);
        awaitState("paused");
    }

    /** An Error in the training thread (as an OutOfMemoryError would be) reaches the page; Start and Reset still work. */
    @Test
    void aFailedTrainingThreadReportsAnErrorAndStartAndResetStillWork() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        server.lab().training().observe(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch e) {
                if (fail.getAndSet(false)) {
                    throw new OutOfMemoryError("Java heap space (injected by the test)");
                }
            }
        });
        try (Socket page = LoadScenario.openEvents(server.port(), 0)) {
            page.setSoTimeout(20_000);
            BufferedReader events = new BufferedReader(new InputStreamReader(page.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(TestLab.post(server, "/api/train/start", settings(DefaultModel.SPEC, 64, 0)).status())
                    .isEqualTo(202);
            String error = null;
            for (String line = events.readLine(); line != null && error == null; line = events.readLine()) {
                if (line.startsWith("data:") && line.contains("\"state\":\"error\"")) {
                    error = line;
                }
            }
            assertThat(error).as("an error status on the event stream").contains("out of memory");
        }
        TrainingJson.Status status = server.lab().training().status();
        assertThat(status.state()).isEqualTo("error");
        assertThat(status.message()).contains("Training stopped: out of memory").contains("smaller batch");
        assertThat(TestLab.get(server, "/api/train").body()).contains("\"state\":\"error\"");

        assertThat(TestLab.post(server, "/api/train/start", settings(DefaultModel.SPEC, 64, 20)).status())
                .isEqualTo(202);
        awaitState("running");
        long steps = server.lab().training().steps();
        for (int i = 0; i < 100 && server.lab().training().steps() == steps; i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(server.lab().training().steps()).as("training again").isGreaterThan(steps);
        assertThat(TestLab.post(server, "/api/train/reset", settings("784-8-10", 64, 0)).status()).isEqualTo(202);
        awaitState("ready");
        assertThat(server.lab().training().status().spec()).isEqualTo("784-8-relu-10");
    }

    private void awaitState(String state) throws InterruptedException {
        for (int i = 0; i < 400 && !server.lab().training().status().state().equals(state); i++) {
            TimeUnit.MILLISECONDS.sleep(25);
        }
        assertThat(server.lab().training().status().state()).isEqualTo(state);
    }
}
