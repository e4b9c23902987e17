package dev.glassbox.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIMD kernels against naive loops, on the same shapes as the scalar ones. Created through
 * {@link KernelChoice}, and the test fails (never skips) if that did not give the SIMD class.
 */
class SimdKernelsTest extends KernelsContract {
    @Override
    Kernels create(int threads) {
        System.setProperty(KernelChoice.PROPERTY, "simd");
        try {
            Kernels kernels = KernelChoice.create(threads);
            assertThat(kernels).isInstanceOf(SimdKernels.class);
            assertThat(kernels.name()).isEqualTo("simd");
            return kernels;
        } finally {
            System.clearProperty(KernelChoice.PROPERTY);
        }
    }
}
