package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.Parallel;

/** Kernels whose loops outside the products are shared out to their {@link WorkerPool}. */
interface PooledKernels extends Kernels {
    /** The pool the kernels own. */
    WorkerPool workers();

    @Override
    default long aloneNanos() {
        return workers().soloNanos();
    }

    @Override
    default int shares() {
        return workers().shares();
    }

    @Override
    default <J> void forShares(int n, J job, Parallel.ShareLoop<J> body) {
        workers().forShares(n, job, body);
    }

    @Override
    default <J> void forRanges(int n, J job, Parallel.Loop<J> body) {
        workers().forRanges(n, job, body);
    }
}
