package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.KernelsContract;

/** The scalar kernels against naive loops. */
class ScalarKernelsTest extends KernelsContract {
    @Override
    protected Kernels create(int threads) {
        return new ScalarKernels(threads);
    }
}
