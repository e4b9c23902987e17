package dev.glassbox.kernels;

/** The register-tiled scalar kernels against naive loops: one thread, as a browser has. */
class TiledKernelsTest extends KernelsContract {
    @Override
    protected Kernels create(int threads) {
        return TiledKernels.PROVIDER.open(threads);
    }

    @Override
    protected int[] threadCounts() {
        return new int[] {1};
    }
}
