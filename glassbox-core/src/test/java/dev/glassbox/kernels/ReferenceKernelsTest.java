package dev.glassbox.kernels;

/** The reference kernels against naive loops in double: sequential, so one thread. */
class ReferenceKernelsTest extends KernelsContract {
    @Override
    protected Kernels create(int threads) {
        return ReferenceKernels.PROVIDER.open(threads);
    }

    @Override
    protected int[] threadCounts() {
        return new int[] {1};
    }
}
