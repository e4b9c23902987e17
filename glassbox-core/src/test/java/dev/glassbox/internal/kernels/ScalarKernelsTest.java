package dev.glassbox.internal.kernels;

/** The scalar reference kernels against naive loops. */
class ScalarKernelsTest extends KernelsContract {
    @Override
    Kernels create(int threads) {
        return new ScalarKernels(threads);
    }
}
