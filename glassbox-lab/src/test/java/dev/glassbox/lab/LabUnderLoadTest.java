package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the lab-under-load scenario ({@link LoadScenario}; the full one is the benchmark
 * {@link LabLoad}): what must hold, never how fast.
 */
class LabUnderLoadTest {
    /** Small, so that the flood below soon overfills the page that never reads (a socket holds a few MB). */
    private static final int QUEUE_BYTES = 256 * 1024;
    /** 16 MB in all; a reading page has at most {@link LoadScenario#FLOOD_WINDOW} of them waiting. */
    private static final int FLOOD_EVENTS = 1000;
    private static final int FLOOD_EVENT_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void predictionsTrainingAndOtherPagesCarryOnWhilePagesQuitOrNeverRead() throws Exception {
        Lab lab = new Lab(TestLab.model(), TestLab.labData(), dir.resolve("model.safetensors"), new Events(QUEUE_BYTES));
        try (LabServer server = LabServer.start(lab, LabSettings.local(lab.saveTo()))) {
            LoadScenario.Result result = new LoadScenario(LoadScenario.Training.RUNNING, 8, Duration.ZERO,
                    Duration.ofSeconds(3), 200_000, 2, 2, FLOOD_EVENTS, FLOOD_EVENT_BYTES).run(server);
            String report = result.text();

            assertThat(result.errors()).as(report).isZero();
            assertThat(result.requests()).as(report).isPositive();
            assertThat(result.quitterConnections()).as("pages that left mid-stream").isGreaterThan(2);
            assertThat(result.stepsAfterLoad()).as("training during the load; " + report)
                    .isGreaterThan(result.stepsBefore());
            assertThat(result.stepsAfterFlood()).as("training while a page did not read; " + report)
                    .isGreaterThan(result.stepsAfterLoad());
            assertThat(result.readerEvents()).as("every reading page got events").allSatisfy(n -> assertThat(n)
                    .isPositive());
            assertThat(result.floodDelivered()).as("the reading pages got every event").isEqualTo(FLOOD_EVENTS);
            assertThat(result.droppedInFlood()).as("the page that never reads, and only it, is cut off; " + report)
                    .isEqualTo(1);
            assertThat(result.mostQueuedBytes()).as("what waits for one page is bounded")
                    .isLessThanOrEqualTo(QUEUE_BYTES + FLOOD_EVENT_BYTES + 100);
        }
    }
}
