package dev.glassbox.explain;

import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The path training takes through weight space: θ recorded every N steps, in bounded memory —
 * at most {@link #capacity()} snapshots; when full, every other one is dropped (the first, θ₀,
 * always stays) and N doubles, so a long run keeps an evenly spaced path of the same length.
 *
 * <p>Projected on its own two principal components ({@link #directions()}), centred on the last
 * weights, the path is "the ball rolling down" drawn over the landscape of those directions: the
 * last point is the origin, and the directions are scaled so the whole path fits in [−1, 1]².
 * Principal components: the top two eigenvectors of the Gram matrix G = M·Mᵀ of the snapshots'
 * offsets M (one row θᵢ − θ_last each), mapped back through Mᵀ — a K × K problem, K the number
 * of snapshots, never P × P.
 */
public final class Trajectory {
    /** The snapshots kept by default. */
    public static final int DEFAULT_CAPACITY = 64;
    /** How much memory a trajectory may take by default: snapshots are fewer for a large network. */
    public static final long DEFAULT_BUDGET_BYTES = 64L << 20;
    /** The fewest snapshots a trajectory keeps, whatever the network's size. */
    public static final int MIN_CAPACITY = 8;

    private final int capacity;
    private long every;
    private final List<float[]> snapshots = new ArrayList<>();
    private final List<Long> steps = new ArrayList<>();
    private final List<Integer> epochs = new ArrayList<>();

    /**
     * @param capacity the most snapshots kept, at least 3
     * @param every    record every {@code every}-th step at first
     */
    public Trajectory(int capacity, long every) {
        if (capacity < 3 || every < 1) {
            throw new IllegalArgumentException("Trajectory: expected a capacity of at least 3 and a step of at least 1,"
                    + " got " + capacity + " and " + every);
        }
        this.capacity = capacity;
        this.every = every;
    }

    /** A trajectory for {@code network} within {@code budgetBytes}: {@link #DEFAULT_CAPACITY} snapshots, fewer if large. */
    public static Trajectory within(Network network, long budgetBytes) {
        long perSnapshot = 4L * Weights.size(network);
        int capacity = (int) Math.max(MIN_CAPACITY, Math.min(DEFAULT_CAPACITY, budgetBytes / Math.max(1, perSnapshot)));
        return new Trajectory(capacity, 1);
    }

    /**
     * Called after each step (and once before the first, with step 0): records θ when the step
     * falls on the current spacing.
     */
    public void record(long step, int epoch, Network network) {
        if (step % every != 0 || (!steps.isEmpty() && steps.get(steps.size() - 1) == step)) {
            return;
        }
        add(step, epoch, network);
    }

    /** Records the last weights, whatever the spacing: the path ends where training ended. */
    public void finish(long step, int epoch, Network network) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1) == step) {
            snapshots.set(snapshots.size() - 1, Weights.of(network));
            epochs.set(epochs.size() - 1, epoch);
            return;
        }
        add(step, epoch, network);
    }

    private void add(long step, int epoch, Network network) {
        if (snapshots.size() == capacity) {
            thin();
        }
        snapshots.add(Weights.of(network));
        steps.add(step);
        epochs.add(epoch);
    }

    /** Drops every other snapshot after the first and doubles the spacing: memory stays bounded. */
    private void thin() {
        every *= 2;
        for (int i = snapshots.size() - 1; i >= 1; i--) {
            if (i % 2 == 0) {
                continue;
            }
            snapshots.remove(i);
            steps.remove(i);
            epochs.remove(i);
        }
    }

    /** A copy holding the same snapshots (shared: they are never modified), to extend or project apart. */
    public Trajectory copy() {
        Trajectory copy = new Trajectory(capacity, every);
        copy.snapshots.addAll(snapshots);
        copy.steps.addAll(steps);
        copy.epochs.addAll(epochs);
        return copy;
    }

    /** Appends a snapshot read back from a file ({@link TrajectoryFile}), in order. */
    void restore(long step, int epoch, float[] weights) {
        if (snapshots.size() == capacity || (!steps.isEmpty() && step <= steps.get(steps.size() - 1))) {
            throw new IllegalArgumentException("snapshot at step " + step + " is out of order or past the capacity");
        }
        snapshots.add(weights);
        steps.add(step);
        epochs.add(epoch);
    }

    public int capacity() {
        return capacity;
    }

    /** Snapshots held now, at most {@link #capacity()}. */
    public int size() {
        return snapshots.size();
    }

    public long step(int i) {
        return steps.get(i);
    }

    public int epoch(int i) {
        return epochs.get(i);
    }

    /** Snapshot i's θ (not copied: do not modify). */
    public float[] weights(int i) {
        return snapshots.get(i);
    }

    /** The path's two principal components and the path on them. */
    public record Projection(Directions directions, double[] alpha, double[] beta, double[] explained) {}

    /**
     * The principal components of the path around its last point, scaled so that the path lies
     * in [−1, 1]² with a margin, and the path's coordinates on them (the last point (0, 0)).
     *
     * @throws IllegalStateException with fewer than 3 snapshots
     */
    public Projection project() {
        int k = snapshots.size();
        if (k < 3) {
            throw new IllegalStateException("Trajectory: " + k + " snapshots are too few for a path's directions;"
                    + " train for more steps");
        }
        float[] last = snapshots.get(k - 1);
        int p = last.length;
        double[][] gram = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                float[] a = snapshots.get(i);
                float[] b = snapshots.get(j);
                for (int x = 0; x < p; x++) {
                    sum += ((double) a[x] - last[x]) * ((double) b[x] - last[x]);
                }
                gram[i][j] = sum;
                gram[j][i] = sum;
            }
        }
        double[][] vectors = new double[k][k];
        double[] values = Eigen.symmetric(gram, vectors);
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[][] unit = new double[2][];
        for (int c = 0; c < 2; c++) {
            double[] u = new double[p];
            for (int i = 0; i < k; i++) {
                double w = vectors[i][c];
                float[] a = snapshots.get(i);
                for (int x = 0; x < p; x++) {
                    u[x] += w * ((double) a[x] - last[x]);
                }
            }
            double norm = 0;
            for (double v : u) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int x = 0; x < p; x++) {
                    u[x] /= norm;
                }
            }
            unit[c] = u;
        }
        double[] alpha = new double[k];
        double[] beta = new double[k];
        double reach = 0;
        for (int i = 0; i < k; i++) {
            float[] a = snapshots.get(i);
            double sa = 0;
            double sb = 0;
            for (int x = 0; x < p; x++) {
                double m = (double) a[x] - last[x];
                sa += m * unit[0][x];
                sb += m * unit[1][x];
            }
            alpha[i] = sa;
            beta[i] = sb;
            reach = Math.max(reach, Math.max(Math.abs(sa), Math.abs(sb)));
        }
        double scale = reach > 0 ? 1.25 * reach : 1;
        float[] d1 = new float[p];
        float[] d2 = new float[p];
        for (int x = 0; x < p; x++) {
            d1[x] = (float) (unit[0][x] * scale);
            d2[x] = (float) (unit[1][x] * scale);
        }
        for (int i = 0; i < k; i++) {
            alpha[i] /= scale;
            beta[i] /= scale;
        }
        double[] explained = {total > 0 ? values[0] / total : 0, total > 0 ? Math.max(0, values[1]) / total : 0};
        return new Projection(new Directions(d1, d2, "pca"), alpha, beta, explained);
    }
}
