package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.KernelsContract;

/**
 * The SIMD kernels against naive loops, on the same shapes as the scalar ones. Created through
 * {@link KernelChoice}, and the test fails (never skips) if that did not give the SIMD class.
 */
class SimdKernelsTest extends KernelsContract {
    @Override
    protected Kernels create(int threads) {
        Kernels kernels = KernelChoice.named("simd").open(threads);
        assertThat(kernels).isInstanceOf(SimdKernels.class);
        assertThat(kernels.name()).isEqualTo("simd");
        return kernels;
    }
}
