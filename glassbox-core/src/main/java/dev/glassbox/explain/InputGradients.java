package dev.glassbox.explain;

import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Pass;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Inference;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient of an output's score with respect to the network's inputs, and what is built on
 * it: {@link Attribution}'s three maps and {@link Nudge}. Backpropagation as in training, except
 * that it starts from a chosen output's score instead of the loss — ∂score_t/∂score = onehot(t) —
 * and runs through the first layer too, down to the inputs.
 *
 * <p>Works on the {@link Explainer}'s own copy of the network, one layer at a time through each
 * layer's {@link Layer#forward} and {@link Layer#backward}; the parameters' gradients the layers
 * add along the way are cleared after each pass, so the copy is left as it was found. Not thread
 * safe: the explainer serialises calls.
 */
final class InputGradients {
    private final Network network;
    private final Pass pass;

    InputGradients(Network network, Pass pass) {
        this.network = network;
        this.pass = pass;
    }

    /** Times a step of the path may be halved: the finest step is 1/(64 · 2⁶) = 1/4096 of it. */
    static final int MOST_HALVINGS = 6;

    /**
     * How closely each step's own completeness must hold before it is accepted: its gradient's
     * estimate of the score's change within {@code TOLERANCE} · V · (step width) of the change
     * itself, V being the score's total variation along the path (Σ |ΔS| over the equal steps).
     * Accepted steps then add up to within {@code TOLERANCE} · V of S(x) − S(0).
     */
    static final double TOLERANCE = 1e-3;

    /** Midpoints the halving may add in all, 8 per equal step on average: bounds the time one answer takes. */
    static final int MOST_ADDED = 8 * Attribution.STEPS;

    /**
     * The gradient at the input, gradient × input, and integrated gradients from the all-zero
     * baseline x' = 0:
     *
     * <pre>
     *   IGᵢ = xᵢ · ∫₀¹ ∂S/∂xᵢ(α·x) dα  ≈  xᵢ · Σₖ wₖ · ∂S/∂xᵢ(αₖ·x)
     * </pre>
     *
     * a Riemann sum by the midpoint rule: the path is cut into m = {@link Attribution#STEPS}
     * equal steps and each step of width wₖ contributes the gradient at its midpoint αₖ.
     * Midpoints, not the trapezoid's ends: at α = 0 every neuron's sum is its bias, so a ReLU
     * neuron with bias 0 sits exactly on its kink, where the engine's ReLU' = 0 (a one-sided value
     * the integral does not see); the midpoint rule never looks there, and for smooth activations
     * its error is half the trapezoid's.
     *
     * <p>Along the path a ReLU network's gradient jumps wherever a neuron switches on or off, and
     * a step that holds such a jump is wrong by up to (jump · width / 2): with 64 equal steps the
     * lab's default network misses completeness by more than 1 % on about one test digit in ten.
     * So each step is checked on its own, as the paper advises for the whole: its gradient's
     * estimate of the score's change over it, wₖ · Σᵢ xᵢ · ∂S/∂xᵢ(αₖ·x), against the change
     * itself, S(bₖ·x) − S(aₖ·x), known from forward passes at its ends. A step that misses by
     * more than {@link #TOLERANCE} · V · wₖ is halved and each half checked again, at most
     * {@link #MOST_HALVINGS} times and {@link #MOST_ADDED} midpoints in all; where the gradient is
     * constant (no neuron switches), the estimate is exact and the step stays whole.
     * {@link Attribution.Completeness#steps()} says how many steps were used in the end.
     *
     * <p>Batches: the 65 ends of the equal steps run forward as one batch; the 64 midpoints and
     * the input itself (for the gradient map) run forward and backward as another; each round of
     * halving runs the new midpoints as one more.
     *
     * @param input (inputSize), finite, not modified
     * @param target 0..outputSize−1
     */
    Attribution attribution(float[] input, int target) {
        int n = input.length;
        int m = Attribution.STEPS;
        double[] endAlphas = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            endAlphas[j] = (double) j / m;
        }
        float[] endScores = scores(input, endAlphas, target);
        double variation = 0;
        for (int j = 0; j < m; j++) {
            variation += Math.abs((double) endScores[j + 1] - endScores[j]);
        }

        // The pending steps [a, b] with the scores at their ends; the first round adds the input itself.
        Steps pending = new Steps(m);
        for (int k = 0; k < m; k++) {
            pending.add((double) k / m, (double) (k + 1) / m, endScores[k], endScores[k + 1]);
        }
        double[] integral = new double[n]; // ∫₀¹ ∂S/∂xᵢ(α·x) dα over the steps accepted so far
        float[] gradient = null;
        float[] inputScores = null;
        int used = 0;
        int added = 0;
        for (int round = 0; pending.size() > 0; round++) {
            int count = pending.size();
            double[] alphas = new double[round == 0 ? count + 1 : count];
            for (int s = 0; s < count; s++) {
                alphas[s] = (pending.a[s] + pending.b[s]) / 2;
            }
            if (round == 0) {
                alphas[count] = 1; // the input itself, last
            }
            float[] batch = along(input, alphas);
            float[] scores = forward(Matrix.wrap(alphas.length, n, batch)).data().clone();
            int outputs = network.outputSize();
            Matrix dScores = Matrix.zeros(alphas.length, outputs);
            for (int r = 0; r < alphas.length; r++) {
                dScores.set(r, target, 1f);
            }
            float[] dInput = backward(dScores);
            if (round == 0) {
                gradient = Arrays.copyOfRange(dInput, count * n, (count + 1) * n);
                inputScores = Arrays.copyOfRange(scores, count * outputs, (count + 1) * outputs);
            }
            boolean last = round == MOST_HALVINGS;
            Steps next = new Steps(2 * count);
            for (int s = 0; s < count; s++) {
                double width = pending.b[s] - pending.a[s];
                double estimate = 0;
                for (int i = 0; i < n; i++) {
                    estimate += (double) input[i] * dInput[s * n + i];
                }
                estimate *= width;
                double change = (double) pending.scoreB[s] - pending.scoreA[s];
                if (last || added + 2 > MOST_ADDED || Math.abs(estimate - change) <= TOLERANCE * variation * width) {
                    for (int i = 0; i < n; i++) {
                        integral[i] += width * dInput[s * n + i];
                    }
                    used++;
                } else {
                    float middle = scores[s * outputs + target];
                    next.add(pending.a[s], alphas[s], pending.scoreA[s], middle);
                    next.add(alphas[s], pending.b[s], middle, pending.scoreB[s]);
                    added += 2;
                }
            }
            pending = next;
        }

        float[] gradientTimesInput = new float[n];
        float[] integrated = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            gradientTimesInput[i] = gradient[i] * input[i];
            integrated[i] = (float) (input[i] * integral[i]);
            sum += integrated[i];
        }
        Attribution.Completeness completeness = new Attribution.Completeness(sum, inputScores[target], endScores[0],
                used);
        return new Attribution(input, target, inputScores,
                new Attribution.Maps(gradient, gradientTimesInput, integrated), completeness);
    }

    /** Steps of the path waiting for their midpoint's gradient: [a, b] and the target's score at each end. */
    private static final class Steps {
        final double[] a;
        final double[] b;
        final float[] scoreA;
        final float[] scoreB;
        private int size;

        Steps(int capacity) {
            a = new double[capacity];
            b = new double[capacity];
            scoreA = new float[capacity];
            scoreB = new float[capacity];
        }

        void add(double from, double to, float scoreFrom, float scoreTo) {
            a[size] = from;
            b[size] = to;
            scoreA[size] = scoreFrom;
            scoreB[size] = scoreTo;
            size++;
        }

        int size() {
            return size;
        }
    }

    /** The points α·x of the path, one row per α, as floats: what the network reads there. */
    private static float[] along(float[] input, double[] alphas) {
        int n = input.length;
        float[] batch = new float[alphas.length * n];
        for (int r = 0; r < alphas.length; r++) {
            for (int i = 0; i < n; i++) {
                batch[r * n + i] = (float) (alphas[r] * input[i]);
            }
        }
        return batch;
    }

    /** The target's score at each point α·x of the path: forward only. */
    private float[] scores(float[] input, double[] alphas, int target) {
        Matrix out = forward(Matrix.wrap(alphas.length, input.length, along(input, alphas)));
        float[] scores = new float[alphas.length];
        for (int r = 0; r < alphas.length; r++) {
            scores[r] = out.get(r, target);
        }
        return scores;
    }

    /**
     * Changes the input one value at a time until the network answers {@code target}, at most
     * {@code mostChanges} times. Each change is the one the gradient promises the most from: with
     * the lead L = S_target − S_rival (the rival being the strongest other class now) and
     * d = ∂L/∂x, input i can move to its high end when dᵢ &gt; 0 or to its low end when dᵢ &lt; 0,
     * promising a gain of dᵢ · (end − xᵢ); the unchanged input with the largest gain is set to
     * that end (the lowest index on ties). Then the network runs again, and the rival and d are
     * taken anew. It stops when the network answers {@code target}, after {@code mostChanges}
     * changes, or when no change promises a gain. The gradient is a straight-line promise:
     * a change may gain less, which the next step sees.
     */
    Nudge nudge(float[] input, int target, Nudge.Range range, int mostChanges) {
        int n = input.length;
        int outputs = network.outputSize();
        float[] x = input.clone();
        boolean[] used = new boolean[n];
        int[] changed = new int[Math.min(mostChanges, n)];
        int count = 0;
        int before = -1;
        while (true) {
            float[] scores = forward(Matrix.wrap(1, n, x.clone())).data().clone();
            int answer = Inference.argmax(scores, 0, outputs);
            if (before < 0) {
                before = answer;
            }
            if (answer == target || count == changed.length) {
                return new Nudge(target, before, Arrays.copyOf(changed, count), x, scores);
            }
            int rival = target == 0 ? 1 : 0;
            for (int c = 0; c < outputs; c++) {
                if (c != target && scores[c] > scores[rival]) {
                    rival = c;
                }
            }
            Matrix dScores = Matrix.zeros(1, outputs);
            dScores.set(0, target, 1f);
            dScores.set(0, rival, -1f);
            float[] d = backward(dScores);
            int best = -1;
            double bestGain = 0;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                double gain = d[i] > 0 ? (double) d[i] * (range.highAt(i) - x[i])
                        : (double) d[i] * (range.lowAt(i) - x[i]);
                if (gain > bestGain) {
                    best = i;
                    bestGain = gain;
                }
            }
            if (best < 0) {
                return new Nudge(target, before, Arrays.copyOf(changed, count), x, scores);
            }
            x[best] = d[best] > 0 ? range.highAt(best) : range.lowAt(best);
            used[best] = true;
            changed[count++] = best;
        }
    }

    /** The scores (rows, outputSize) of a batch, owned by the last layer. */
    private Matrix forward(Matrix x) {
        Matrix m = x;
        for (Layer layer : network.layers()) {
            m = layer.forward(m, pass);
        }
        return m;
    }

    /**
     * ∂(Σ dScores ⊙ scores)/∂input for the batch of the last {@link #forward}, row by row, as a
     * new array; the parameters' gradients the layers added on the way are cleared.
     */
    private float[] backward(Matrix dScores) {
        List<Layer> layers = network.layers();
        Matrix d = dScores;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d, pass, Layer.InputGradient.COMPUTE);
        }
        float[] dInput = d.data().clone();
        network.zeroGradients();
        return dInput;
    }
}
