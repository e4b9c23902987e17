package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * A training path: bounded in memory however long the run, evenly spaced, its last point the
 * origin of its own principal components, and a path that lies in a plane recovered from them.
 */
class TrajectoryTest {

    /** Sets every parameter of {@code network} to base + a·e1 + b·e2 (flat vectors). */
    private static void place(Network network, float[] base, float[] e1, float[] e2, double a, double b) {
        int at = 0;
        for (Parameter p : network.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++, at++) {
                v[i] = (float) (base[at] + a * e1[at] + b * e2[at]);
            }
        }
    }

    @Test
    void memoryStaysBoundedAndThePathEvenlySpaced() {
        Network network = Network.of("6-4-relu-3", 1);
        Trajectory path = new Trajectory(16, 1);
        for (long step = 0; step <= 10_000; step++) {
            path.record(step, 0, network);
            assertThat(path.size()).isLessThanOrEqualTo(16);
        }
        path.finish(10_000, 3, network);
        assertThat(path.step(0)).isZero();
        assertThat(path.step(path.size() - 1)).isEqualTo(10_000);
        long spacing = path.step(1) - path.step(0);
        for (int i = 1; i < path.size() - 1; i++) {
            assertThat(path.step(i) - path.step(i - 1)).isEqualTo(spacing);
        }
        assertThat(path.size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aBudgetLimitsTheSnapshotsOfALargeNetwork() {
        Network large = Network.of("784-512-relu-10", 1);
        Trajectory path = Trajectory.within(large, 8L << 20); // 8 MB: 5 snapshots of 1.6 MB, so the minimum
        assertThat(path.capacity()).isEqualTo(Trajectory.MIN_CAPACITY);
        assertThat(Trajectory.within(Network.of("784-16-relu-10", 1), Trajectory.DEFAULT_BUDGET_BYTES).capacity())
                .isEqualTo(Trajectory.DEFAULT_CAPACITY);
    }

    @Test
    void aPathInAPlaneIsRecoveredAndEndsAtTheOrigin() {
        Network network = Network.of("10-5-tanh-3", 2);
        float[] base = Weights.of(network);
        int p = base.length;
        float[] e1 = new float[p];
        float[] e2 = new float[p];
        e1[3] = 1;
        e2[40] = 1; // orthonormal directions
        Trajectory path = new Trajectory(64, 1);
        double[] a = new double[20];
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            a[i] = 3.0 * (19 - i) / 19; // a spiral down to (0, 0)
            b[i] = 0.5 * Math.sin(i) * (19 - i) / 19;
            place(network, base, e1, e2, a[i], b[i]);
            path.record(i, i / 5, network);
        }
        path.finish(19, 3, network);
        Trajectory.Projection projection = path.project();
        int last = path.size() - 1;
        assertThat(projection.alpha()[last]).isZero();
        assertThat(projection.beta()[last]).isZero();
        assertThat(projection.explained()[0] + projection.explained()[1]).isCloseTo(1, within(1e-9));
        // Distances between points are those of the plane, whatever the rotation the components chose.
        double scale = Math.sqrt(Weights.dot(projection.directions().d1(), projection.directions().d1()));
        for (int i = 0; i < 20; i++) {
            double expected = Math.hypot(a[i], b[i]);
            double found = scale * Math.hypot(projection.alpha()[i], projection.beta()[i]);
            assertThat(found).as("point %d", i).isCloseTo(expected, within(1e-5));
            assertThat(Math.abs(projection.alpha()[i])).isLessThanOrEqualTo(0.8 + 1e-12);
        }
        assertThat(Weights.dot(projection.directions().d1(), projection.directions().d2())).isCloseTo(0, within(1e-6));
    }

    @Test
    void tooShortAPathHasNoDirections() {
        Trajectory path = new Trajectory(8, 1);
        path.record(0, 0, Network.of("3-2", 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(path::project)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too few");
    }
}
