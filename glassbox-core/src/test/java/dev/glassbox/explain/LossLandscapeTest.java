package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loss landscape: its centre is the evaluator's loss, a slice along one direction is a 1-D
 * evaluation done by hand, random directions are filter-normalised, and the grid's coarse-to-fine
 * order lists every point once.
 */
class LossLandscapeTest {
    private static final Kernels KERNELS = ReferenceKernels.PROVIDER.open(1);
    private static final Loss LOSS = Loss.byName("cross-entropy");
    private static Dataset subset;

    @BeforeAll
    static void load() {
        Dataset train = MnistFolder.load(Path.of("../data/mnist")).train();
        subset = LossLandscape.subset(train, 200, 3);
    }

    @Test
    void theCentreIsTheEvaluatorsLossBitForBit() {
        Network network = Network.of("784-16-relu-10", 4);
        LossLandscape landscape = new LossLandscape(network, LOSS, Directions.random(network, 9), subset);
        LossLandscape.Point centre = landscape.at(0, 0, network.copy(), KERNELS);
        Evaluation e = Evaluator.evaluate(network, LOSS, subset, KERNELS);
        assertThat(Double.doubleToLongBits(centre.loss())).isEqualTo(Double.doubleToLongBits(e.loss()));
        assertThat(centre.accuracy()).isEqualTo(e.accuracy());
    }

    @Test
    void aSliceAlongOneDirectionIsA1dEvaluationDoneByHand() {
        Network network = Network.of("784-16-tanh-10", 5);
        Directions directions = Directions.random(network, 2);
        LossLandscape landscape = new LossLandscape(network, LOSS, directions, subset);
        float[] theta = Weights.of(network);
        for (double alpha : new double[] {-1, -0.35, 0.5, 1}) {
            Network byHand = network.copy();
            int at = 0;
            for (Parameter p : byHand.parameters()) {
                float[] v = p.value().data();
                for (int i = 0; i < v.length; i++, at++) {
                    v[i] = (float) (theta[at] + alpha * directions.d1()[at]);
                }
            }
            double expected = Evaluator.evaluate(byHand, LOSS, subset, KERNELS).loss();
            double slice = landscape.at(alpha, 0, network.copy(), KERNELS).loss();
            assertThat(Double.doubleToLongBits(slice)).as("α = %s", alpha).isEqualTo(Double.doubleToLongBits(expected));
        }
    }

    @Test
    void randomDirectionsAreFilterNormalised() {
        Network network = Network.of("784-32-relu-16-relu-10", 6);
        Directions directions = Directions.random(network, 1);
        int at = 0;
        for (Parameter p : network.parameters()) {
            float[] w = p.value().data();
            int rows = p.value().rows();
            int cols = p.value().cols();
            for (int r = 0; r < rows; r++) {
                double wNorm = 0;
                double dNorm = 0;
                for (int c = 0; c < cols; c++) {
                    wNorm += (double) w[r * cols + c] * w[r * cols + c];
                    dNorm += (double) directions.d1()[at + r * cols + c] * directions.d1()[at + r * cols + c];
                }
                if (p.kind() == Parameter.Kind.WEIGHT) {
                    assertThat(Math.sqrt(dNorm)).as("%s row %d", p.name(), r).isCloseTo(Math.sqrt(wNorm),
                            within(1e-6 * Math.sqrt(wNorm)));
                } else {
                    assertThat(dNorm).as("%s: biases do not move", p.name()).isZero();
                }
            }
            at += w.length;
        }
        assertThat(directions.d1()).isNotEqualTo(directions.d2());
    }

    @Test
    void theLineFromOneNetworkToAnotherStartsAndEndsAtThem() {
        Network a = Network.of("784-8-relu-10", 1);
        Network b = Network.of("784-8-relu-10", 2);
        for (double t : new double[] {0, 1}) {
            double line = LossLandscape.line(Weights.of(a), Weights.of(b), t, a.copy(), LOSS, subset, KERNELS).loss();
            double direct = Evaluator.evaluate(t == 0 ? a : b, LOSS, subset, KERNELS).loss();
            assertThat(Double.doubleToLongBits(line)).isEqualTo(Double.doubleToLongBits(direct));
        }
    }

    @Test
    void coarseToFineListsEveryPointOnceCoarsestFirst() {
        for (int size : new int[] {1, 2, 5, 41}) {
            int[] order = LossLandscape.coarseToFine(size);
            Set<Integer> seen = new HashSet<>();
            for (int index : order) {
                assertThat(seen.add(index)).isTrue();
            }
            assertThat(seen).hasSize(size * size);
        }
        int[] order = LossLandscape.coarseToFine(41);
        // Every 32nd row and column, and the last: rows and columns 0, 32, 40 — 9 points first.
        assertThat(order[0]).isZero();
        assertThat(order[8]).isEqualTo(40 * 41 + 40);
        assertThat(LossLandscape.coordinate(20, 41)).isZero();
        assertThat(LossLandscape.coordinate(0, 41)).isEqualTo(-1);
        assertThat(LossLandscape.coordinate(40, 41)).isEqualTo(1);
    }
}
