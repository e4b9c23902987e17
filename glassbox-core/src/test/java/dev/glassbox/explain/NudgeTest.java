package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.testkit.GradientCheck;
import dev.glassbox.train.Inference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The nudge follows its rule: one input at a time to an end of its range, until the answer flips. */
class NudgeTest {
    private static final Kernels KERNELS = KernelChoice.create(1);

    @AfterAll
    static void closeKernels() {
        KERNELS.close();
    }

    private static Explainer explainer(Network network) {
        return TestNetworks.explainer(network);
    }

    private static float[] scores(Network network, float[] x) {
        return network.predict(Matrix.wrap(1, x.length, x.clone()), KERNELS).data();
    }

    /**
     * The rule written out plainly, with each gradient of the lead S_target − S_rival by centred
     * finite differences in double instead of the engine's backward pass.
     */
    private static List<Integer> referenceChanges(Network network, float[] input, int target, int most) {
        float[] x = input.clone();
        List<Integer> changed = new ArrayList<>();
        while (changed.size() < most) {
            float[] s = scores(network, x);
            if (Inference.argmax(s, 0, s.length) == target) {
                break;
            }
            int rival = -1;
            for (int c = 0; c < s.length; c++) {
                if (c != target && (rival < 0 || s[c] > s[rival])) {
                    rival = c;
                }
            }
            int r = rival;
            double[] d = GradientCheck.numericGradient(v -> {
                float[] o = scores(network, GradientCheck.toFloat(v));
                return (double) o[target] - o[r];
            }, GradientCheck.toDouble(x), 0x1p-9);
            int best = -1;
            double bestGain = 0;
            for (int i = 0; i < x.length; i++) {
                double gain = d[i] > 0 ? d[i] * (1 - x[i]) : d[i] * (0 - x[i]);
                if (!changed.contains(i) && gain > bestGain) {
                    best = i;
                    bestGain = gain;
                }
            }
            if (best < 0) {
                break;
            }
            x[best] = d[best] > 0 ? 1 : 0;
            changed.add(best);
        }
        return changed;
    }

    @Test
    void flipsTheAnswerAsThePlainRuleDoes() {
        Network network = NetworkSpec.parse("12-10-tanh-8-tanh-4").build(41);
        int flipped = 0;
        for (long seed = 0; seed < 20; seed++) {
            float[] x = TestNetworks.pixels(12, 100 + seed);
            float[] before = scores(network, x);
            int answer = Inference.argmax(before, 0, 4);
            int target = (answer + 1 + (int) (seed % 3)) % 4;
            Nudge nudge = explainer(network).nudge(x, target, Nudge.Range.pixels(12), 12);

            assertThat(nudge.before()).isEqualTo(answer);
            assertThat(nudge.target()).isEqualTo(target);
            List<Integer> changed = new ArrayList<>();
            for (int i : nudge.changed()) {
                changed.add(i);
            }
            assertThat(changed).as("seed %d", seed).isEqualTo(referenceChanges(network, x, target, 12));
            float[] nudged = nudge.nudged();
            for (int i = 0; i < 12; i++) {
                if (changed.contains(i)) {
                    assertThat(nudged[i]).isIn(0f, 1f);
                } else {
                    assertThat(nudged[i]).isEqualTo(x[i]);
                }
            }
            float[] after = scores(network, nudged);
            assertThat(nudge.scores()).containsExactly(after);
            assertThat(nudge.after()).isEqualTo(Inference.argmax(after, 0, 4));
            if (nudge.flipped()) {
                flipped++;
                assertThat(Inference.argmax(after, 0, 4)).isEqualTo(target);
            }
        }
        assertThat(flipped).as("answers flipped of 20").isGreaterThan(10);
    }

    @Test
    void changesNothingWhenTheNetworkAlreadyAnswersTheTarget() {
        Network network = NetworkSpec.parse("6-5-relu-3").build(42);
        float[] x = TestNetworks.pixels(6, 43);
        int answer = Inference.argmax(scores(network, x), 0, 3);
        Nudge nudge = explainer(network).nudge(x, answer, Nudge.Range.pixels(6), 6);
        assertThat(nudge.changed()).isEmpty();
        assertThat(nudge.nudged()).containsExactly(x);
        assertThat(nudge.flipped()).isTrue();

        Nudge none = explainer(network).nudge(x, (answer + 1) % 3, Nudge.Range.pixels(6), 0);
        assertThat(none.changed()).isEmpty();
        assertThat(none.flipped()).isFalse();
        assertThat(none.after()).isEqualTo(answer);
    }

    @Test
    void stopsWhenNoChangePromisesAGain() {
        // An input already at the end each change would move it to: nothing to gain.
        Network network = NetworkSpec.parse("1-2").build(44);
        float[] w = network.parameters().get(0).value().data();
        w[0] = 1; // S₀ = x
        w[1] = -1; // S₁ = −x: the lead S₁ − S₀ = −2x grows only as x falls, and x is already 0
        network.parameters().get(1).value().copyFrom(Matrix.of(new float[] {0.1f, 0})); // answers 0
        Nudge nudge = explainer(network).nudge(new float[] {0}, 1, Nudge.Range.pixels(1), 1);
        assertThat(nudge.changed()).isEmpty();
    }

    @Test
    void towardIsThePickedClassUnlessItIsTheAnswer() {
        float[] scores = {0.5f, 3f, 2f, -1f};
        assertThat(Nudge.toward(scores, 0)).isZero();
        assertThat(Nudge.toward(scores, 2)).isEqualTo(2);
        assertThat(Nudge.toward(scores, 1)).as("the runner-up").isEqualTo(2);
        assertThat(Nudge.toward(new float[] {4f, 1f}, 0)).isEqualTo(1);
        assertThatThrownBy(() -> Nudge.toward(new float[] {1f}, 0)).hasMessageContaining("two outputs");
    }

    @Test
    void theObservedRangeIsEachInputsSmallestAndLargestValue() {
        Dataset data = Dataset.table("t", new float[] {1, -2, 0, 5, 3, 1, -1, 0, 1}, 3, new int[] {0, 1, 0}, 2);
        Nudge.Range range = Nudge.Range.observed(data);
        assertThat(range.low()).containsExactly(-1, -2, 0);
        assertThat(range.high()).containsExactly(5, 3, 1);
        assertThat(Nudge.Range.pixels(2).high()).containsExactly(1, 1);
    }

    @Test
    void rejectsBadRangesAndRequests() {
        assertThatThrownBy(() -> new Nudge.Range(new float[] {1}, new float[] {0}))
                .hasMessageContaining("input 0 has range [1.0, 0.0]");
        Explainer explainer = explainer(NetworkSpec.parse("6-5-relu-3").build(45));
        assertThatThrownBy(() -> explainer.nudge(new float[6], 0, Nudge.Range.pixels(5), 3))
                .hasMessageContaining("a range for each of the 6 inputs, got 5");
        assertThatThrownBy(() -> explainer.nudge(new float[6], 3, Nudge.Range.pixels(6), 3))
                .hasMessageContaining("target 3 is outside 0..2");
        assertThatThrownBy(() -> explainer.nudge(new float[6], 0, Nudge.Range.pixels(6), -1))
                .hasMessageContaining("most changes");
        Explainer single = explainer(NetworkSpec.parse("6-1").build(46));
        assertThatThrownBy(() -> single.nudge(new float[6], 0, Nudge.Range.pixels(6), 3))
                .hasMessageContaining("one output");
    }
}
