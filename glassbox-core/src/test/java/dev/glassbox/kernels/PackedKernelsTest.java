package dev.glassbox.kernels;

/** The packed scalar kernels on the calling thread against naive loops: one thread, as a browser has. */
class PackedKernelsTest extends KernelsContract {
    @Override
    protected Kernels create(int threads) {
        return PackedKernels.PROVIDER.open(threads);
    }

    @Override
    protected int[] threadCounts() {
        return new int[] {1};
    }
}
