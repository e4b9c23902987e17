package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.io.ModelFileException;

/**
 * The trajectory reader on arbitrary bytes: a path whose snapshots fit its network and its
 * capacity, or a {@link ModelFileException} — never anything else. The seed corpus in
 * {@code TrajectoryFileFuzzTestInputs/} replays in every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TrajectoryFileFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void trajectory(byte[] input) {
        TrajectoryFile.Contents contents;
        try {
            contents = TrajectoryFile.read(input);
        } catch (ModelFileException expected) {
            return;
        }
        Trajectory path = contents.trajectory();
        assertThat(path.size()).isBetween(1, path.capacity());
        for (int i = 0; i < path.size(); i++) {
            assertThat(path.weights(i)).hasSize((int) contents.model().network().parameterCount());
        }
    }
}
