package dev.glassbox.data;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;

/**
 * A training run's batches, each image distorted by an {@link Augmentation}: the samples of a
 * batch split across {@code parallel}'s shares, each share with its own {@link Distorter}, so that
 * filling a batch allocates nothing once the scratch has grown. Sample {@code order[i]} at
 * position i of epoch {@code epoch} always gets the same distortion for a given seed, whatever the
 * thread count. One per run; not for use from two threads at once.
 */
public final class AugmentedBatches {
    private final Augmentation augmentation;
    private final Parallel parallel;
    private final Distorter[] distorters;
    private static final Parallel.ShareLoop<AugmentedBatches> DISTORT = AugmentedBatches::distort;
    // The batch being filled: held for one forShares call, then dropped.
    private Dataset data;
    private int[] order;
    private int from;
    private float[] x;
    private long seed;
    private long epoch;

    public AugmentedBatches(Augmentation augmentation, Parallel parallel) {
        this.augmentation = augmentation;
        this.parallel = parallel;
        this.distorters = new Distorter[Math.max(1, parallel.shares())];
    }

    /**
     * As {@link Dataset#fillBatch}, each image distorted (or not, if the augmentation is off): the
     * samples {@code order[from..to)} into the rows of {@code x}, their labels into {@code labels}.
     */
    public void fill(Dataset batchData, int[] batchOrder, int batchFrom, int to, Matrix batch, int[] labels,
            long batchSeed, long batchEpoch) {
        batchData.fillBatch(batchOrder, batchFrom, to, batch, labels); // checks the shapes, and fills the labels
        if (!augmentation.enabled()) {
            return;
        }
        data = batchData;
        order = batchOrder;
        from = batchFrom;
        x = batch.data();
        seed = batchSeed;
        epoch = batchEpoch;
        try {
            parallel.forShares(to - batchFrom, this, DISTORT);
        } finally {
            data = null;
            order = null;
            x = null;
        }
    }

    private void distort(int share, int first, int last) {
        Distorter d = distorters[share];
        if (d == null) {
            d = distorters[share] = new Distorter();
        }
        int features = data.features();
        for (int r = first; r < last; r++) {
            d.random.setState(Rng.mix(seed, epoch, from + r));
            d.distort(augmentation, data, order[from + r], x, r * features);
        }
    }
}
