package dev.glassbox.kernels;

/**
 * Where the engine gets its {@link Kernels}: the host decides which implementation runs and
 * hands the engine a provider; the engine never picks one itself. On the JVM,
 * {@code dev.glassbox.jvm.kernels.KernelChoice.provider()} decides once (SIMD when the Vector API
 * is there); anywhere else, {@link ReferenceKernels#PROVIDER}.
 */
@FunctionalInterface
public interface KernelProvider {

    /**
     * Opens kernels for {@code threads} threads (at least 1; an implementation may use fewer, the
     * reference always one). The caller owns them and closes them.
     */
    Kernels open(int threads);
}
