package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.nn.Network;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trajectory written and read back whole; files that are not one, or whose parts disagree, refused with one line. */
class TrajectoryFileTest {

    static byte[] sample() {
        Network network = Network.of("5-3-relu-2", 1);
        Trajectory path = new Trajectory(8, 1);
        for (int step = 0; step <= 5; step++) {
            network.parameters().get(0).value().data()[0] = step;
            path.record(step, step / 3, network);
        }
        path.finish(5, 2, network);
        return TrajectoryFile.write(path, network, Map.of("glassbox.loss", "cross-entropy"));
    }

    @Test
    void readsBackWhatItWrote() {
        TrajectoryFile.Contents contents = TrajectoryFile.read(sample());
        Trajectory path = contents.trajectory();
        assertThat(path.size()).isEqualTo(6);
        assertThat(path.step(5)).isEqualTo(5);
        assertThat(path.epoch(5)).isEqualTo(2);
        assertThat(path.weights(3)[0]).isEqualTo(3);
        assertThat(contents.model().network().parameters().get(0).value().data()[0]).isEqualTo(5); // the last weights
        assertThat(contents.model().metadata()).containsEntry("glassbox.loss", "cross-entropy");
    }

    @Test
    void aModelIsNoTrajectory() {
        byte[] model = ModelCodec.write(Network.of("5-3-relu-2", 1), Map.of());
        assertThatThrownBy(() -> TrajectoryFile.read(model))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot read trajectory: it holds a model but no glassbox.trajectory; write one with glassbox"
                        + " train --trajectory FILE");
    }

    /** A file of {@code snapshots} snapshots of 5-3-relu-2 whose glassbox.trajectory is {@code json}. */
    private static byte[] file(String json, int snapshots) {
        Network network = Network.of("5-3-relu-2", 1);
        Map<String, float[]> extras = new java.util.LinkedHashMap<>();
        for (int i = 0; i < snapshots; i++) {
            extras.put("trajectory." + i, Weights.of(network));
        }
        return dev.glassbox.io.ExtendedModelCodec.write(network, Map.of("glassbox.trajectory", json), extras,
                "trajectory");
    }

    @Test
    void stepsThatDisagreeWithTheSnapshotsAreRefused() {
        assertThat(TrajectoryFile.read(file("{\"capacity\":8,\"steps\":[0,1,2],\"epochs\":[0,0,1]}", 3))
                .trajectory().size()).isEqualTo(3);
        assertThatThrownBy(() -> TrajectoryFile.read(file("{\"capacity\":8,\"steps\":[0,1,2],\"epochs\":[0,0]}", 3)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("lists 3 steps and 2 epochs for 3 snapshots");
        assertThatThrownBy(() -> TrajectoryFile.read(file("{\"capacity\":2,\"steps\":[0,1,2],\"epochs\":[0,0,1]}", 3)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("(capacity 2)");
        assertThatThrownBy(() -> TrajectoryFile.read(file("{\"capacity\":\"8\",\"steps\":[0],\"epochs\":[0]}", 1)))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot read trajectory: glassbox.trajectory is not what glassbox train writes");
        assertThatThrownBy(() -> TrajectoryFile.read(file("{\"capacity\":8,\"steps\":[0,2,1],\"epochs\":[0,0,1]}", 3)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> TrajectoryFile.read(file("not json", 1)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("is not what glassbox train writes");
    }
}
