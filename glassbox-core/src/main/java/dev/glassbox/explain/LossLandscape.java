package dev.glassbox.explain;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.tensor.Rng;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;

/**
 * A 2-D slice of the loss around a network's weights θ: L(θ + α·d₁ + β·d₂) and the accuracy
 * there, on a fixed subset of the training set, over a {@code size × size} grid of α, β in
 * [−1, 1] — the landscape that training walks down, in two of its many dimensions
 * ({@link Directions}). Each point is one evaluation of the network with moved weights by the
 * {@link Evaluator}, so the centre (α = β = 0) is the evaluator's own loss on the subset, bit for bit.
 *
 * <p>Points are independent: a host computes them in any order and on any number of threads,
 * each with its own copy of the network ({@link #at}). {@link #coarseToFine} orders them so
 * that a picture can be drawn at once and refined: every 16th row and column first, then every
 * 8th, and so on.
 */
public final class LossLandscape {
    /** The default grid: 41 × 41 points. */
    public static final int DEFAULT_SIZE = 41;
    /** The default subset of training samples each point is evaluated on. */
    public static final int DEFAULT_SUBSET = 1000;

    private final float[] theta;
    private final Directions directions;
    private final Loss loss;
    private final Dataset subset;

    /** One point of the slice. */
    public record Point(double alpha, double beta, double loss, double accuracy) {}

    /**
     * @param network   the centre θ (its weights are copied; the network is not modified)
     * @param subset    the samples every point is evaluated on
     */
    public LossLandscape(Network network, Loss loss, Directions directions, Dataset subset) {
        this.theta = Weights.of(network);
        if (directions.d1().length != theta.length) {
            throw new IllegalArgumentException("LossLandscape: the directions have " + directions.d1().length
                    + " values, the network " + theta.length + " parameters");
        }
        this.directions = directions;
        this.loss = loss;
        this.subset = subset;
    }

    public Directions directions() {
        return directions;
    }

    public Dataset subset() {
        return subset;
    }

    /**
     * The loss and accuracy at θ + α·d₁ + β·d₂.
     *
     * @param workspace a network of θ's spec whose weights this overwrites: one per thread
     * @param kernels   the thread's kernels
     */
    public Point at(double alpha, double beta, Network workspace, Kernels kernels) {
        Weights.set(workspace, theta, directions.d1(), alpha, directions.d2(), beta);
        Evaluation e = Evaluator.evaluate(workspace, loss, subset, kernels);
        return new Point(alpha, beta, e.loss(), e.accuracy());
    }

    /**
     * The loss and accuracy on {@code subset} at (1 − t)·θ₀ + t·θ₁, the straight line from one set
     * of weights to another (Goodfellow et al. 2015: from the initial weights to the trained
     * ones), each value computed in double and rounded once — at t = 0 exactly θ₀, at t = 1 θ₁.
     *
     * @param workspace a network of their spec, overwritten
     */
    public static Point line(float[] from, float[] to, double t, Network workspace, Loss loss, Dataset subset,
            Kernels kernels) {
        Weights.mix(workspace, from, to, t);
        Evaluation e = Evaluator.evaluate(workspace, loss, subset, kernels);
        return new Point(t, 0, e.loss(), e.accuracy());
    }

    /** α (or β) of grid column (or row) {@code i} of {@code size}: −1 to 1, 0 in the middle of an odd grid. */
    public static double coordinate(int i, int size) {
        if (size < 2) {
            return 0;
        }
        int half = (size - 1) / 2;
        // Symmetric around the centre, so that the middle of an odd grid is exactly 0.
        return size % 2 == 1 ? (double) (i - half) / half : -1 + 2.0 * i / (size - 1);
    }

    /**
     * The indices {@code row × size + column} of a {@code size × size} grid, coarse to fine:
     * first the points on every s-th row and column (s the largest power of two below size, and
     * always the last row and column), then every s/2-th not yet listed, down to every one.
     */
    public static int[] coarseToFine(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("LossLandscape.coarseToFine: size must be at least 1, got " + size);
        }
        int stride = 1;
        while (stride * 2 < size) {
            stride *= 2;
        }
        int[] order = new int[size * size];
        boolean[] listed = new boolean[size * size];
        int n = 0;
        for (int s = stride; s >= 1; s /= 2) {
            for (int r = 0; r < size; r++) {
                if (r % s != 0 && r != size - 1) {
                    continue;
                }
                for (int c = 0; c < size; c++) {
                    if ((c % s == 0 || c == size - 1) && !listed[r * size + c]) {
                        listed[r * size + c] = true;
                        order[n++] = r * size + c;
                    }
                }
            }
        }
        return order;
    }

    /**
     * A fixed subset of {@code n} samples of {@code data}, drawn without replacement with
     * {@code seed} (all of it when it has no more): every point of a slice sees the same samples.
     */
    public static Dataset subset(Dataset data, int n, long seed) {
        if (n >= data.size()) {
            return data;
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) { // a partial Fisher–Yates shuffle
            int j = i + rng.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(chosen);
        return data.select(data.name() + " (" + n + " for the landscape)", chosen);
    }
}
