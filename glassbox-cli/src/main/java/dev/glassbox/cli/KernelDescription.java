package dev.glassbox.cli;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;

/**
 * The kernels this JVM runs, as {@code glassbox info} and every speed figure name them: the
 * implementation, the shape of its products and its vector width. A figure depends on all three.
 *
 * @param name {@code simd}, {@code scalar} or {@code reference}
 * @param shape e.g. {@code 8×32 register tile, 512-bit vectors, depth blocks of 512}; the name
 *     again for kernels that say nothing more
 * @param vectorBits bits per vector register the products use, 32 for scalar code
 */
record KernelDescription(String name, String shape, int vectorBits) {

    /** The kernels {@link KernelChoice#provider()} opens. */
    static KernelDescription current() {
        try (Kernels kernels = KernelChoice.create(1)) {
            return new KernelDescription(kernels.name(), kernels.shape(), kernels.vectorBits());
        }
    }

    /** {@code ": " + shape}, or nothing where the shape only repeats the name. */
    String detail() {
        return shape.equals(name) ? "" : ": " + shape;
    }
}
