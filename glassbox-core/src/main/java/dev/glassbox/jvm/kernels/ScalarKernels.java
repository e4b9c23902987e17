package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.PackedKernels;
import dev.glassbox.kernels.Parallel;

/**
 * The engine's {@link PackedKernels} with their rows and elementwise loops shared out to a
 * {@link WorkerPool}: the same loops, the same bits, on {@code threads} threads.
 */
final class ScalarKernels extends PackedKernels implements PooledKernels {
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
    protected <J> void splitRows(int rows, long work, J job, Parallel.ShareLoop<J> body) {
        workers.forShares(rows, work, job, body);
    }

    @Override
    public WorkerPool workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.close();
    }
}
