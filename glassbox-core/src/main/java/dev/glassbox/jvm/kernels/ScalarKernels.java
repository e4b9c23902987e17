package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.PackedKernels;
import dev.glassbox.kernels.Parallel;

/**
 * The engine's {@link PackedKernels} with their rows and elementwise loops shared out to a
 * {@link WorkerPool}: the same loops, the same bits, on {@code threads} threads.
 */
final class ScalarKernels extends PackedKernels {
    static final String NAME = PackedKernels.NAME;

    private final WorkerPool workers;

    ScalarKernels(int threads) {
        this.workers = new WorkerPool(threads);
    }

    @Override
    public int threads() {
        return workers.threads();
    }

    @Override
    protected void splitRows(int rows, long work, Parallel.ShareRange body) {
        workers.forShares(rows, work, body);
    }

    @Override
    public int shares() {
        return workers.threads();
    }

    @Override
    public void forShares(int n, Parallel.ShareRange body) {
        // Each index is a unit of heavy work (an image to distort): worth a thread from a few on.
        workers.forShares(n, (long) n * WorkerPool.MIN_WORK_PER_WORKER / 4, body);
    }

    @Override
    public void forRanges(int n, Parallel.Range body) {
        // Elementwise loops do a few operations per element: count each as one unit of work.
        workers.forRows(n, n, body);
    }

    @Override
    public void close() {
        workers.close();
    }
}
